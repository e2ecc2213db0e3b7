import type { Catalogue } from './types.js';

/** How often the expected-decision promises held: the back office's calibration page and the public page. */
export const calibration: Catalogue = {
  da: {
    title: 'Hvor ofte holdt skønnet? {{caseType}}',
    backOfficeTitle: 'Skønnets træfsikkerhed',
    intro:
      'På sagens side skriver vi, hvornår 9 ud af 10 lignende sager blev afgjort, og hvornår halvdelen blev. Sådan gik det for {{caseType}} fra {{from}} til {{to}}.',
    upperHeld: 'Datoen for 9 ud af 10 holdt i {{share}} af de {{due}} skøn, hvis dato er passeret (målet er 90 %).',
    medianHeld: 'Datoen for halvdelen holdt i {{share}} af {{due}} skøn (målet er omkring 50 %).',
    noneDue: 'Der er endnu ingen skøn, hvis dato er passeret, så vi kan ikke sige, hvor ofte de holdt.',
    behind:
      '{{forecasts}} skøn til {{cases}} sager ligger bag tallene; {{open}} skøn sagde "mere end N dage" i stedet for en dato.',
    bandsCaption: 'Hvor ofte skønnet holdt, efter hvor længe sagen havde ventet, da skønnet blev givet',
    colBand: 'Ventet, da skønnet blev givet',
    colForecasts: 'Skøn',
    colCases: 'Sager',
    colUpper: '9 ud af 10-datoen holdt',
    colMedian: 'Halvdel-datoen holdt',
    band: '{{from}}–{{to}} dage',
    bandOpen: '{{from}} dage eller mere',
    shareOf: '{{share}} af {{due}}',
    methodHeading: 'Sådan er det regnet',
    method:
      'Vi har genspillet sagstypens egen historik: hver mandag i de seneste 12 måneder fik hver sag, der var åben den dag, det skøn, portalen ville have vist, regnet alene ud fra det, der var kendt den dag (de sager, der blev afgjort i de foregående 12 måneder – eller den periode, sagstypen selv har valgt – og de sager, der stadig var åbne, talt med den alder, de havde; har sagstypen mange sager, tæller sager modtaget på samme ugedag). Et skøn tæller med, når dets dato er passeret; det holdt, hvis sagen blev afgjort senest den dato. En sag tæller med hver mandag, den var åben, for sådan møder ansøgerne skønnet: lange sager ser det oftere. Skøn, der sagde "mere end N dage", gav ingen dato og tæller ikke med.',
    selectCaseType: 'Sagstype',
    computedFor: 'Beregnet for {{date}} ud fra {{cases}} sager i sagstypens historik.',
  },
  en: {
    title: 'How often did the estimate hold? {{caseType}}',
    backOfficeTitle: 'How well the estimate held',
    intro:
      'On the case page we say by when 9 out of 10 similar cases were decided, and by when half were. This is how it went for {{caseType}} from {{from}} to {{to}}.',
    upperHeld:
      'The "9 out of 10" date held in {{share}} of the {{due}} estimates whose date has passed (the aim is 90%).',
    medianHeld: 'The "half" date held in {{share}} of {{due}} estimates (the aim is about 50%).',
    noneDue: 'No estimate has reached its date yet, so we cannot say how often they held.',
    behind:
      '{{forecasts}} estimates for {{cases}} cases are behind these figures; {{open}} estimates said "more than N days" instead of a date.',
    bandsCaption: 'How often the estimate held, by how long the case had waited when the estimate was given',
    colBand: 'Waited when estimated',
    colForecasts: 'Estimates',
    colCases: 'Cases',
    colUpper: '"9 out of 10" date held',
    colMedian: '"Half" date held',
    band: '{{from}}–{{to}} days',
    bandOpen: '{{from}} days or more',
    shareOf: '{{share}} of {{due}}',
    methodHeading: 'How it is computed',
    method:
      'We replayed the case type’s own history: every Monday of the last 12 months, each case open that day got the estimate the portal would have shown, computed only from what was known that day (the cases decided in the 12 months before – or the period the case type sets – and the cases still open, counted at their age then; where the type has many cases, those received on the same weekday). An estimate counts once its date has passed; it held if the case was decided by that date. A case counts every Monday it was open, because that is how applicants meet the estimate: long cases see it more often. Estimates that said "more than N days" gave no date and do not count.',
    selectCaseType: 'Case type',
    computedFor: 'Computed for {{date}} from {{cases}} cases in the case type’s history.',
  },
  sv: {
    title: 'Hur ofta höll bedömningen? {{caseType}}',
    backOfficeTitle: 'Hur väl bedömningen höll',
    intro:
      'På ärendets sida skriver vi när 9 av 10 liknande ärenden avgjordes, och när hälften gjorde det. Så här gick det för {{caseType}} från {{from}} till {{to}}.',
    upperHeld:
      'Datumet för 9 av 10 höll i {{share}} av de {{due}} bedömningar vars datum har passerats (målet är 90 %).',
    medianHeld: 'Datumet för hälften höll i {{share}} av {{due}} bedömningar (målet är omkring 50 %).',
    noneDue: 'Ingen bedömning har nått sitt datum ännu, så vi kan inte säga hur ofta de höll.',
    behind:
      '{{forecasts}} bedömningar för {{cases}} ärenden ligger bakom siffrorna; {{open}} bedömningar sa "mer än N dagar" i stället för ett datum.',
    bandsCaption: 'Hur ofta bedömningen höll, efter hur länge ärendet hade väntat när bedömningen gavs',
    colBand: 'Väntat vid bedömningen',
    colForecasts: 'Bedömningar',
    colCases: 'Ärenden',
    colUpper: '9 av 10-datumet höll',
    colMedian: 'Hälften-datumet höll',
    band: '{{from}}–{{to}} dagar',
    bandOpen: '{{from}} dagar eller mer',
    shareOf: '{{share}} av {{due}}',
    methodHeading: 'Så har det räknats',
    method:
      'Vi har spelat upp ärendetypens egen historik: varje måndag de senaste 12 månaderna fick varje ärende som var öppet den dagen den bedömning portalen skulle ha visat, beräknad enbart utifrån det som var känt den dagen (ärendena som avgjordes de 12 månaderna innan – eller den period ärendetypen själv har valt – och ärendena som fortfarande var öppna, räknade med sin ålder då; har ärendetypen många ärenden räknas de som kom in samma veckodag). En bedömning räknas när dess datum har passerats; den höll om ärendet avgjordes senast det datumet. Ett ärende räknas varje måndag det var öppet, för så möter sökande bedömningen: långa ärenden ser den oftare. Bedömningar som sa "mer än N dagar" gav inget datum och räknas inte.',
    selectCaseType: 'Ärendetyp',
    computedFor: 'Beräknat för {{date}} utifrån {{cases}} ärenden i ärendetypens historik.',
  },
};
