/**
 * The demo authority's case types: realistic service goals and application packages, so every screen and figure
 * has something true-to-life to show. The goals follow the practice described by the users (family reunification
 * three months met in 97%; job card one month from when the case is fully informed).
 */
import type { TCaseTypeDefinition, TLocalizedText, TPhase, TRequirement } from '@sagsgang/contracts';

const localized = (da: string, en: string, sv?: string): TLocalizedText => (sv ? { da, en, sv } : { da, en });

/** The units that handle the demo case types, by code; the demo seed creates units with these codes. */
export const DEMO_CASE_TYPE_UNITS = {
  family: 'udl-familie',
  work: 'udl-erhverv',
  benefits: 'cbi-ydelser',
  housing: 'cbi-ydelser',
  rehabilitation: 'cbi-integration',
  building: 'cbm-byggesag',
} as const;

const STANDARD_APPEAL_TEXT = localized(
  'Ankestyrelsen',
  'The National Social Appeals Board',
  'Ankestyrelsen (klagenämnden)',
);

function phase(
  order: number,
  code: string,
  name: TLocalizedText,
  applicantText: TLocalizedText,
  notify: boolean,
  days?: number,
): TPhase {
  return {
    code,
    order,
    name,
    applicantText,
    notifyApplicant: notify,
    ...(days ? { expectedDuration: { amount: days, unit: 'calendar_days' as const } } : {}),
  };
}

const PHASES = {
  received: (days?: number) =>
    phase(
      1,
      'received',
      localized('Modtaget', 'Received', 'Mottagen'),
      localized(
        'Vi har modtaget din ansøgning.',
        'We have received your application.',
        'Vi har tagit emot din ansökan.',
      ),
      true,
      days,
    ),
  screening: (days?: number) =>
    phase(
      2,
      'screening',
      localized('Screening', 'Screening', 'Granskning'),
      localized(
        'Vi tjekker, om vi har alle de oplysninger, vi skal bruge.',
        'We are checking that we have all the information we need.',
        'Vi kontrollerar att vi har alla uppgifter vi behöver.',
      ),
      false,
      days,
    ),
  processing: (days?: number) =>
    phase(
      3,
      'processing',
      localized('Sagsbehandling', 'Processing', 'Handläggning'),
      localized(
        'En sagsbehandler behandler din sag.',
        'A caseworker is handling your case.',
        'En handläggare handlägger ditt ärende.',
      ),
      true,
      days,
    ),
  hearing: (days?: number) =>
    phase(
      4,
      'hearing',
      localized('Partshøring', 'Hearing of parties', 'Kommunicering'),
      localized(
        'Du får mulighed for at kommentere oplysninger i sagen, før vi træffer afgørelse.',
        'You may comment on information in the case before we decide.',
        'Du får möjlighet att yttra dig innan vi fattar beslut.',
      ),
      true,
      days,
    ),
  decision: (days?: number) =>
    phase(
      5,
      'decision',
      localized('Afgørelse', 'Decision', 'Beslut'),
      localized(
        'Vi er ved at træffe afgørelse i din sag.',
        'We are making the decision on your case.',
        'Vi håller på att fatta beslut i ditt ärende.',
      ),
      true,
      days,
    ),
};

function requirement(r: Omit<TRequirement, 'necessity'> & { necessity?: TRequirement['necessity'] }): TRequirement {
  return { necessity: 'mandatory', ...r };
}

const PASSPORT = requirement({
  code: 'passport',
  kind: 'document',
  label: localized('Kopi af pas', 'Copy of passport', 'Kopia av pass'),
  why: localized(
    'Vi skal kende din identitet.',
    'We must establish your identity.',
    'Vi måste fastställa din identitet.',
  ),
  example: localized('Alle sider med stempler.', 'Every page with stamps.', 'Alla sidor med stämplar.'),
});

export function demoCaseTypes(
  units: Record<keyof typeof DEMO_CASE_TYPE_UNITS, string> = DEMO_CASE_TYPE_UNITS,
): TCaseTypeDefinition[] {
  return [
    familyReunification(units.family),
    jobCard(units.work),
    cashBenefit(units.benefits),
    housingSupport(units.housing),
    rehabilitation(units.rehabilitation),
    buildingPermit(units.building),
  ];
}

function familyReunification(unitCode: string): TCaseTypeDefinition {
  return {
    code: 'family-reunification',
    unitCode,
    topicCode: '26.02.02',
    name: localized('Familiesammenføring, ægtefælle', 'Family reunification, spouse', 'Familjeåterförening, make/maka'),
    legalBasis: 'Udlændingelovens § 9, stk. 1, nr. 1',
    legalMaximum: null,
    serviceGoal: {
      duration: { amount: 3, unit: 'months' },
      targetShare: 0.97,
      clockStart: 'on_receipt',
      pauseWhileAwaitingApplicant: true,
      extension: { allowed: true, maximum: { amount: 2, unit: 'months' } },
    },
    phases: [PHASES.received(2), PHASES.screening(7), PHASES.processing(45), PHASES.hearing(14), PHASES.decision(10)],
    requirements: [
      PASSPORT,
      requirement({
        code: 'marriage-certificate',
        kind: 'document',
        label: localized('Vielsesattest', 'Marriage certificate', 'Vigselbevis'),
        why: localized(
          'Ægteskabet skal være gyldigt efter dansk ret.',
          'The marriage must be valid under Danish law.',
          'Äktenskapet måste vara giltigt enligt dansk rätt.',
        ),
        example: localized(
          'Legaliseret attest med oversættelse.',
          'Legalised certificate with translation.',
          'Legaliserat intyg med översättning.',
        ),
      }),
      requirement({
        code: 'marriage-date',
        kind: 'information',
        label: localized('Vielsesdato', 'Date of marriage', 'Datum för vigseln'),
        why: localized(
          'Vi skal vide, hvornår ægteskabet blev indgået.',
          'We need to know when the marriage was entered into.',
          'Vi behöver veta när äktenskapet ingicks.',
        ),
        example: localized('14. juni 2019', '14 June 2019', '14 juni 2019'),
        answer: { type: 'date', dateBounds: { minYears: -80, maxYears: 0 } },
      }),
      requirement({
        code: 'housing',
        kind: 'information',
        label: localized('Oplysninger om bolig', 'Details of your home', 'Uppgifter om bostad'),
        why: localized(
          'Der er krav om en bolig af passende størrelse.',
          'A home of a suitable size is required.',
          'Det krävs en bostad av lämplig storlek.',
        ),
        example: localized(
          'Lejekontrakt med antal kvadratmeter.',
          'Tenancy agreement showing the floor area.',
          'Hyreskontrakt med antal kvadratmeter.',
        ),
      }),
      requirement({
        code: 'bank-guarantee',
        kind: 'document',
        label: localized('Bankgaranti', 'Bank guarantee', 'Bankgaranti'),
        why: localized(
          'Loven kræver en økonomisk sikkerhed.',
          'The law requires a financial guarantee.',
          'Lagen kräver en ekonomisk säkerhet.',
        ),
      }),
      requirement({
        code: 'children',
        kind: 'information',
        necessity: 'conditional',
        condition: localized(
          'Hvis I har børn under 18 år',
          'If you have children under 18',
          'Om ni har barn under 18 år',
        ),
        label: localized('Oplysninger om børn', 'Details of children', 'Uppgifter om barn'),
        why: localized(
          'Børnenes forhold indgår i vurderingen.',
          "The children's situation is part of the assessment.",
          'Barnens situation ingår i bedömningen.',
        ),
      }),
    ],
    outcomes: ['granted', 'refused', 'withdrawn', 'dismissed'],
    appeal: {
      body: localized('Udlændingenævnet', 'The Immigration Appeals Board', 'Utlänningsnämnden'),
      deadline: { amount: 8, unit: 'weeks' },
    },
  };
}

function jobCard(unitCode: string): TCaseTypeDefinition {
  return {
    code: 'job-card',
    unitCode,
    topicCode: '26.02.10',
    name: localized('Jobkort', 'Job card', 'Jobbkort'),
    legalBasis: 'Udlændingelovens § 9 a',
    legalMaximum: null,
    serviceGoal: {
      duration: { amount: 1, unit: 'months' },
      targetShare: 0.9,
      clockStart: 'when_fully_informed',
      pauseWhileAwaitingApplicant: true,
      extension: { allowed: false, maximum: null },
    },
    phases: [PHASES.received(2), PHASES.screening(5), PHASES.processing(20), PHASES.decision(5)],
    requirements: [
      PASSPORT,
      requirement({
        code: 'employment-contract',
        kind: 'document',
        label: localized('Ansættelseskontrakt', 'Employment contract', 'Anställningsavtal'),
        why: localized(
          'Løn og vilkår skal være sædvanlige.',
          'Pay and conditions must be customary.',
          'Lön och villkor måste vara sedvanliga.',
        ),
        example: localized(
          'Underskrevet kontrakt med løn og arbejdstid.',
          'Signed contract showing pay and hours.',
          'Undertecknat avtal med lön och arbetstid.',
        ),
      }),
      requirement({
        code: 'education',
        kind: 'document',
        necessity: 'conditional',
        condition: localized(
          'Hvis stillingen kræver en uddannelse',
          'If the job requires a qualification',
          'Om tjänsten kräver en utbildning',
        ),
        label: localized('Eksamensbevis', 'Diploma', 'Examensbevis'),
        why: localized(
          'Vi skal vurdere, om du er kvalificeret.',
          'We must assess whether you are qualified.',
          'Vi måste bedöma om du är kvalificerad.',
        ),
      }),
    ],
    outcomes: ['granted', 'refused', 'withdrawn', 'dismissed'],
    appeal: {
      body: localized(
        'Udlændinge- og Integrationsministeriet',
        'The Ministry of Immigration and Integration',
        'Utlännings- och integrationsministeriet',
      ),
      deadline: { amount: 8, unit: 'weeks' },
    },
  };
}

function cashBenefit(unitCode: string): TCaseTypeDefinition {
  return {
    code: 'cash-benefit',
    unitCode,
    topicCode: '32.18.02',
    name: localized('Kontanthjælp', 'Cash benefit', 'Kontanthjälp'),
    legalBasis: 'Lov om aktiv socialpolitik § 11',
    legalMaximum: { amount: 6, unit: 'weeks' },
    serviceGoal: {
      duration: { amount: 3, unit: 'weeks' },
      targetShare: 0.9,
      clockStart: 'on_receipt',
      pauseWhileAwaitingApplicant: true,
      extension: { allowed: true, maximum: { amount: 2, unit: 'weeks' } },
      // Three weeks leave little room: the caseworker is warned at half the time already.
      warnAt: [0.5, 0.8],
    },
    phases: [PHASES.received(1), PHASES.screening(3), PHASES.processing(10), PHASES.decision(3)],
    requirements: [
      requirement({
        code: 'income',
        kind: 'information',
        label: localized('Indtægter og formue', 'Income and assets', 'Inkomster och tillgångar'),
        why: localized(
          'Hjælpen afhænger af din økonomi.',
          'The benefit depends on your finances.',
          'Stödet beror på din ekonomi.',
        ),
        example: localized(
          'Lønsedler og kontoudtog for de seneste tre måneder.',
          'Payslips and bank statements for the last three months.',
          'Lönebesked och kontoutdrag för de senaste tre månaderna.',
        ),
      }),
      requirement({
        code: 'spouse-income',
        kind: 'information',
        necessity: 'conditional',
        condition: localized(
          'Hvis du er gift eller samlevende',
          'If you are married or cohabiting',
          'Om du är gift eller sambo',
        ),
        label: localized('Ægtefælles indtægter', "Spouse's income", 'Makes inkomster'),
        why: localized(
          'Ægtefæller har gensidig forsørgelsespligt.',
          'Spouses must support each other.',
          'Makar har ömsesidig försörjningsplikt.',
        ),
      }),
    ],
    outcomes: ['granted', 'partly_granted', 'refused', 'withdrawn'],
    appeal: { body: STANDARD_APPEAL_TEXT, deadline: { amount: 4, unit: 'weeks' } },
  };
}

function housingSupport(unitCode: string): TCaseTypeDefinition {
  return {
    code: 'housing-support',
    unitCode,
    topicCode: '32.24.02',
    name: localized('Boligstøtte', 'Housing support', 'Bostadsbidrag'),
    legalBasis: 'Lov om individuel boligstøtte § 5',
    legalMaximum: null,
    serviceGoal: {
      duration: { amount: 3, unit: 'weeks' },
      targetShare: 0.95,
      clockStart: 'on_receipt',
      pauseWhileAwaitingApplicant: true,
      extension: { allowed: false, maximum: null },
    },
    phases: [PHASES.received(1), PHASES.processing(12), PHASES.decision(3)],
    requirements: [
      requirement({
        code: 'lease',
        kind: 'document',
        label: localized('Lejekontrakt', 'Tenancy agreement', 'Hyreskontrakt'),
        why: localized(
          'Støtten beregnes ud fra huslejen.',
          'The support is based on the rent.',
          'Bidraget beräknas utifrån hyran.',
        ),
      }),
      requirement({
        code: 'household',
        kind: 'information',
        label: localized('Husstandens medlemmer', 'Members of the household', 'Hushållets medlemmar'),
        why: localized(
          'Alle indtægter i husstanden tæller med.',
          'All household income counts.',
          'Alla inkomster i hushållet räknas.',
        ),
      }),
    ],
    outcomes: ['granted', 'partly_granted', 'refused', 'withdrawn'],
    appeal: { body: STANDARD_APPEAL_TEXT, deadline: { amount: 4, unit: 'weeks' } },
  };
}

function rehabilitation(unitCode: string): TCaseTypeDefinition {
  return {
    code: 'rehabilitation',
    unitCode,
    topicCode: '15.02.10',
    name: localized('Ressourceforløb', 'Rehabilitation programme', 'Rehabiliteringsinsats'),
    legalBasis: 'Lov om en aktiv beskæftigelsesindsats § 68 a',
    legalMaximum: null,
    serviceGoal: {
      duration: { amount: 4, unit: 'months' },
      targetShare: 0.85,
      clockStart: 'on_receipt',
      pauseWhileAwaitingApplicant: false,
      extension: { allowed: true, maximum: { amount: 2, unit: 'months' } },
    },
    phases: [PHASES.received(3), PHASES.processing(60), PHASES.hearing(14), PHASES.decision(14)],
    requirements: [
      requirement({
        code: 'medical-records',
        kind: 'document',
        label: localized('Lægelige oplysninger', 'Medical records', 'Medicinska uppgifter'),
        why: localized(
          'Rehabiliteringsteamet skal kende dit helbred.',
          'The rehabilitation team must know about your health.',
          'Rehabiliteringsteamet behöver känna till din hälsa.',
        ),
      }),
    ],
    outcomes: ['granted', 'refused', 'withdrawn'],
    appeal: { body: STANDARD_APPEAL_TEXT, deadline: { amount: 4, unit: 'weeks' } },
  };
}

function buildingPermit(unitCode: string): TCaseTypeDefinition {
  return {
    code: 'building-permit',
    unitCode,
    topicCode: '02.00.00',
    name: localized('Byggetilladelse, enfamiliehus', 'Building permit, single-family house', 'Bygglov, enfamiljshus'),
    legalBasis: 'Byggelovens § 16',
    legalMaximum: null,
    serviceGoal: {
      duration: { amount: 40, unit: 'working_days' },
      targetShare: 0.8,
      clockStart: 'when_fully_informed',
      pauseWhileAwaitingApplicant: true,
      extension: { allowed: true, maximum: { amount: 20, unit: 'working_days' } },
    },
    phases: [PHASES.received(2), PHASES.screening(10), PHASES.processing(30), PHASES.hearing(14), PHASES.decision(5)],
    requirements: [
      requirement({
        code: 'drawings',
        kind: 'document',
        label: localized('Tegninger', 'Drawings', 'Ritningar'),
        why: localized(
          'Vi skal se, hvad der skal bygges.',
          'We need to see what will be built.',
          'Vi behöver se vad som ska byggas.',
        ),
        example: localized(
          'Situationsplan, facader og plantegning i mål 1:100.',
          'Site plan, elevations and floor plan at 1:100.',
          'Situationsplan, fasader och planritning i skala 1:100.',
        ),
      }),
      requirement({
        code: 'statics',
        kind: 'document',
        necessity: 'conditional',
        condition: localized(
          'Hvis byggeriet er over én etage',
          'If the building has more than one storey',
          'Om byggnaden har mer än en våning',
        ),
        label: localized('Statisk dokumentation', 'Structural documentation', 'Konstruktionsdokumentation'),
        why: localized(
          'Byggeriet skal kunne bære sig selv.',
          'The building must be structurally sound.',
          'Byggnaden måste vara bärkraftig.',
        ),
      }),
    ],
    outcomes: ['granted', 'partly_granted', 'refused', 'withdrawn', 'dismissed'],
    appeal: {
      body: localized('Byggeklageenheden', 'The Building Appeals Unit', 'Byggklagonämnden'),
      deadline: { amount: 4, unit: 'weeks' },
    },
  };
}
