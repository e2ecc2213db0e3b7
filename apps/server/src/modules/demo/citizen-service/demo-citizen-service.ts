import type { CitizenServiceSetup } from '../../contacts/index.js';

const both = (da: string, en: string) => ({ da, en });

/** The demo's own topics (beside the case types' topics) and the telephone charter of the busiest ones. */
export function demoTopics(units: Record<string, string>): CitizenServiceSetup['topics'] {
  return [
    {
      code: '05.02.00',
      name: both('Pas og kørekort', 'Passports and driving licences'),
      unitId: units['bs-skranke'] ?? null,
      canResolve: both(
        'Bestilling af tid, hvad du skal medbringe, priser og status på et bestilt pas.',
        'Booking a time, what to bring, prices and the status of a passport on order.',
      ),
      mustForward: both(
        'Tabte pas i udlandet går til Udenrigsministeriet.',
        'Passports lost abroad go to the Ministry of Foreign Affairs.',
      ),
      answers: [
        {
          title: both('Hvad koster et pas?', 'What does a passport cost?'),
          text: both('Se de aktuelle priser på borger.dk.', 'See the current prices on borger.dk.'),
          link: 'https://www.borger.dk/',
        },
      ],
    },
    {
      code: '23.05.00',
      name: both('Flytning og folkeregister', 'Moving and the civil register'),
      unitId: units['bs-kontaktcenter'] ?? null,
      canResolve: both(
        'Flytning, status på en anmeldt flytning og navneændring.',
        'Moving, the status of a reported move and changes of name.',
      ),
      mustForward: both('Tvivl om bopæl går til en sagsbehandler.', 'Doubt about residence goes to a caseworker.'),
      answers: [],
    },
    {
      code: '26.02.02',
      name: both('Familiesammenføring', 'Family reunification'),
      unitId: units['udl-familie'] ?? null,
      canResolve: both(
        'Hvor din sag er, hvornår vi forventer en afgørelse, og hvilke dokumenter vi mangler.',
        'Where your case is, when we expect a decision, and which documents we are missing.',
      ),
      mustForward: both(
        'Spørgsmål om vurderingen i din sag og om boligkrav går til sagsbehandleren, som svarer inden for tre arbejdsdage.',
        'Questions about the assessment in your case and the housing requirement go to the caseworker, who answers within three working days.',
      ),
      answers: [
        {
          title: both('Hvor lang tid tager det?', 'How long does it take?'),
          text: both(
            'Du kan se, hvornår 9 ud af 10 lignende sager blev afgjort, på din sag under "Mine sager".',
            'You can see by when 9 out of 10 similar cases were decided on your case under "My cases".',
          ),
          link: null,
        },
      ],
    },
    {
      code: '25.10.00',
      name: both('Skat og betalinger', 'Tax and payments'),
      unitId: units['bs-kontaktcenter'] ?? null,
      canResolve: both('Betalingsaftaler om kommunale krav.', 'Payment plans for municipal claims.'),
      mustForward: both(
        'Spørgsmål om din årsopgørelse går til Skattestyrelsen.',
        'Questions about your tax assessment go to the Danish Tax Agency.',
      ),
      answers: [],
    },
  ];
}

/** The town hall's counter and the contact centre's phone (the doubled phone hours: 8–16 Monday to Thursday). */
export function demoHours(): CitizenServiceSetup['hours'] {
  const h = (channel: 'counter' | 'phone', weekday: number, from: number, to: number) => ({
    site: 'Rådhuset',
    channel,
    weekday,
    opensMin: from * 60,
    closesMin: to * 60,
  });
  return [
    h('counter', 1, 10, 15),
    h('counter', 2, 10, 15),
    h('counter', 3, 10, 15),
    h('counter', 4, 10, 17.5),
    h('counter', 5, 10, 13),
    h('phone', 1, 8, 16),
    h('phone', 2, 8, 16),
    h('phone', 3, 8, 16),
    h('phone', 4, 8, 16),
    h('phone', 5, 8, 13),
  ];
}

export const DEMO_APPOINTMENT_TYPES = [
  {
    code: 'pas',
    unit: 'borgerservice',
    name: both('Pas og kørekort', 'Passport and driving licence'),
    topicCode: '05.02.00',
    durationMin: 15,
    channel: 'in_person' as const,
    staff: 'borgerservice',
  },
  {
    code: 'familiesammenfoering',
    unit: 'udl-familie',
    name: both('Samtale om familiesammenføring', 'Talk about family reunification'),
    topicCode: '26.02.02',
    durationMin: 30,
    channel: 'video' as const,
    staff: 'sagsbehandler',
  },
  {
    code: 'byggesag',
    unit: 'cbm-byggesag',
    name: both('Møde om byggetilladelse', 'Meeting about a building permit'),
    topicCode: '02.00.00',
    durationMin: 45,
    channel: 'in_person' as const,
    staff: 'byggesag',
  },
  {
    code: 'ydelser',
    unit: 'cbi-ydelser',
    name: both('Telefonmøde om ydelser', 'Phone meeting about benefits'),
    topicCode: '32.18.02',
    durationMin: 15,
    channel: 'phone' as const,
    staff: 'ydelser',
  },
];

/** Weekly bookable hours of the staff who take appointments: [weekday, from hour, to hour]. */
export const DEMO_AVAILABILITY: Record<string, [number, number, number][]> = {
  borgerservice: [1, 2, 3, 4, 5].map((d) => [d, 10, 13] as [number, number, number]),
  sagsbehandler: [1, 2, 3, 4].map((d) => [d, 9, 12] as [number, number, number]),
  byggesag: [
    [2, 9, 12],
    [4, 13, 16],
  ],
  ydelser: [1, 2, 3, 4, 5].map((d) => [d, 10, 12] as [number, number, number]),
};
