// The ready-made surveys: after a contact, after a decision, and the annual surveys of users and of staff (with the
// themes Kerteminde asks about). An authority publishes them as they are or as the start of its own.
import { ZSurveyDefinition, type TSurveyDefinition, type TSurveyQuestion, type TSurveyText } from '@sagsgang/contracts';

// Not named `t`: these are the survey's own words in three languages, not keys of the translation catalogue.
const words = (da: string, en: string, sv: string): TSurveyText => ({ da, en, sv });

const VERY_DISSATISFIED = words('Meget utilfreds', 'Very dissatisfied', 'Mycket missnöjd');
const VERY_SATISFIED = words('Meget tilfreds', 'Very satisfied', 'Mycket nöjd');

function scale(id: string, text: TSurveyText, required = false): TSurveyQuestion {
  return { id, kind: 'scale', text, lowLabel: VERY_DISSATISFIED, highLabel: VERY_SATISFIED, required };
}

const comment = (text: TSurveyText): TSurveyQuestion => ({
  id: 'comment',
  kind: 'text',
  text,
  required: false,
  maxLength: 2000,
});

const ANYTHING_ELSE = words(
  'Er der andet, du vil fortælle os? Skriv ikke dit CPR-nummer.',
  'Is there anything else you would like to tell us? Please do not write your CPR number.',
  'Finns det något annat du vill berätta för oss? Skriv inte ditt personnummer.',
);

export const AFTER_DECISION: TSurveyDefinition = {
  code: 'after-decision',
  kind: 'after_decision',
  title: words(
    'Hvordan oplevede du behandlingen af din sag?',
    'How did you find the handling of your case?',
    'Hur upplevde du handläggningen av ditt ärende?',
  ),
  intro: words(
    'Vi vil gerne blive bedre. Det tager omkring to minutter. Dine svar bruges kun samlet og kan ikke føres tilbage til dig eller påvirke din sag.',
    'We want to get better. It takes about two minutes. Your answers are only used together with others and cannot be traced back to you or affect your case.',
    'Vi vill bli bättre. Det tar ungefär två minuter. Dina svar används bara sammanställda och kan inte spåras till dig eller påverka ditt ärende.',
  ),
  questions: [
    scale(
      'overall',
      words(
        'Alt i alt, hvor tilfreds er du med behandlingen af din sag?',
        'Overall, how satisfied are you with how your case was handled?',
        'Hur nöjd är du totalt sett med handläggningen av ditt ärende?',
      ),
      true,
    ),
    scale(
      'time',
      words(
        'Hvor tilfreds er du med, hvor lang tid sagen tog?',
        'How satisfied are you with how long the case took?',
        'Hur nöjd är du med hur lång tid ärendet tog?',
      ),
    ),
    scale(
      'informed',
      words(
        'Hvor tilfreds er du med, hvordan vi holdt dig orienteret undervejs?',
        'How satisfied are you with how we kept you informed along the way?',
        'Hur nöjd är du med hur vi höll dig informerad under tiden?',
      ),
    ),
    {
      id: 'understood',
      kind: 'yes_no',
      required: false,
      text: words(
        'Forstod du afgørelsen og begrundelsen for den?',
        'Did you understand the decision and the reasons for it?',
        'Förstod du beslutet och skälen till det?',
      ),
    },
    {
      id: 'improved',
      kind: 'single',
      required: false,
      text: words(
        'Hvis du har haft en sag hos os før: er vores service blevet bedre?',
        'If you have had a case with us before: has our service got better?',
        'Om du har haft ett ärende hos oss tidigare: har vår service blivit bättre?',
      ),
      options: [
        { value: 'better', text: words('Bedre', 'Better', 'Bättre') },
        { value: 'same', text: words('Som før', 'The same', 'Som förut') },
        { value: 'worse', text: words('Dårligere', 'Worse', 'Sämre') },
        {
          value: 'first-time',
          text: words('Det er min første sag', 'This is my first case', 'Det är mitt första ärende'),
        },
      ],
    },
    {
      id: 'what-wrong',
      kind: 'multiple',
      required: false,
      condition: { questionId: 'overall', values: ['1', '2'] },
      text: words(
        'Hvis du var utilfreds: hvad var du utilfreds med?',
        'If you were dissatisfied: what were you dissatisfied with?',
        'Om du var missnöjd: vad var du missnöjd med?',
      ),
      options: [
        { value: 'waiting', text: words('Ventetiden', 'The waiting time', 'Väntetiden') },
        {
          value: 'information',
          text: words('Informationen undervejs', 'The information along the way', 'Informationen under tiden'),
        },
        { value: 'decision', text: words('Afgørelsen', 'The decision', 'Beslutet') },
        { value: 'contact', text: words('Kontakten med os', 'Getting in touch with us', 'Kontakten med oss') },
        { value: 'other', text: words('Andet', 'Something else', 'Annat') },
      ],
    },
    comment(ANYTHING_ELSE),
  ],
  headlineQuestionId: 'overall',
  followUp: { questionId: 'overall', atMost: 1 },
  trigger: { delayDays: 3, samplingShare: {}, quarantineDays: 180, expiryDays: 30 },
};

export const AFTER_CONTACT: TSurveyDefinition = {
  code: 'after-contact',
  kind: 'after_contact',
  title: words('Hvordan var din kontakt med os?', 'How was your contact with us?', 'Hur var din kontakt med oss?'),
  intro: words(
    'Tre korte spørgsmål om din henvendelse. Dine svar bruges kun samlet.',
    'Three short questions about your enquiry. Your answers are only used together with others.',
    'Tre korta frågor om ditt ärende till oss. Dina svar används bara sammanställda.',
  ),
  questions: [
    scale(
      'overall',
      words(
        'Hvor tilfreds er du med den hjælp, du fik?',
        'How satisfied are you with the help you got?',
        'Hur nöjd är du med den hjälp du fick?',
      ),
      true,
    ),
    {
      id: 'resolved',
      kind: 'yes_no',
      required: false,
      text: words(
        'Fik du svar på det, du henvendte dig om?',
        'Did you get an answer to what you contacted us about?',
        'Fick du svar på det du kontaktade oss om?',
      ),
    },
    scale(
      'reach',
      words(
        'Hvor let var det at komme i kontakt med os?',
        'How easy was it to get in touch with us?',
        'Hur lätt var det att komma i kontakt med oss?',
      ),
    ),
    comment(ANYTHING_ELSE),
  ],
  headlineQuestionId: 'overall',
  followUp: { questionId: 'overall', atMost: 1 },
  // So people are not asked every time: a share of contacts per channel.
  trigger: {
    delayDays: 0,
    samplingShare: { phone: 0.2, counter: 0.3, digital: 0.1, default: 0.2 },
    quarantineDays: 90,
    expiryDays: 14,
  },
};

export const ANNUAL_USER: TSurveyDefinition = {
  code: 'annual-user',
  kind: 'annual_user',
  title: words('Årlig brugerundersøgelse', 'Annual user survey', 'Årlig användarundersökning'),
  intro: words(
    'Hvert år spørger vi et udvalg af borgere, hvordan det er at være i kontakt med os. Det tager omkring fem minutter.',
    'Every year we ask a sample of residents what it is like to be in contact with us. It takes about five minutes.',
    'Varje år frågar vi ett urval av invånare hur det är att ha kontakt med oss. Det tar ungefär fem minuter.',
  ),
  questions: [
    scale(
      'opening-hours',
      words(
        'Hvor tilfreds er du med vores åbningstider?',
        'How satisfied are you with our opening hours?',
        'Hur nöjd är du med våra öppettider?',
      ),
    ),
    scale(
      'phone-waiting',
      words(
        'Hvor tilfreds er du med ventetiden, når du ringer til os?',
        'How satisfied are you with the waiting time when you phone us?',
        'Hur nöjd är du med väntetiden när du ringer oss?',
      ),
    ),
    scale(
      'accessibility',
      words(
        'Hvor tilfreds er du med, hvor tilgængelige vi er (adgang, hjælp, sprog)?',
        'How satisfied are you with how accessible we are (access, help, language)?',
        'Hur nöjd är du med hur tillgängliga vi är (tillträde, hjälp, språk)?',
      ),
    ),
    scale(
      'coherence',
      words(
        'Hænger det sammen, når du kontakter os ad forskellige veje (skranke, telefon, digitalt)?',
        'Does it fit together when you contact us in different ways (counter, phone, online)?',
        'Hänger det ihop när du kontaktar oss på olika sätt (disk, telefon, digitalt)?',
      ),
    ),
    scale(
      'website',
      words(
        'Hvor tilfreds er du med vores hjemmeside?',
        'How satisfied are you with our website?',
        'Hur nöjd är du med vår webbplats?',
      ),
    ),
    {
      id: 'channels',
      kind: 'multiple',
      required: false,
      text: words(
        'Hvordan har du været i kontakt med os det seneste år?',
        'How have you been in contact with us in the past year?',
        'Hur har du haft kontakt med oss det senaste året?',
      ),
      options: [
        { value: 'counter', text: words('I borgerservice', 'At the citizen service desk', 'I medborgarservice') },
        { value: 'phone', text: words('Telefon', 'Phone', 'Telefon') },
        {
          value: 'email',
          text: words('E-mail eller Digital Post', 'E-mail or Digital Post', 'E-post eller Digital Post'),
        },
        { value: 'self-service', text: words('Digital selvbetjening', 'Online self-service', 'Digital självservice') },
      ],
    },
    scale(
      'overall',
      words(
        'Alt i alt, hvor tilfreds er du med os?',
        'Overall, how satisfied are you with us?',
        'Hur nöjd är du med oss totalt sett?',
      ),
      true,
    ),
    comment(ANYTHING_ELSE),
  ],
  headlineQuestionId: 'overall',
  trigger: { delayDays: 0, samplingShare: {}, quarantineDays: 300, expiryDays: 30 },
};

export const ANNUAL_STAFF: TSurveyDefinition = {
  code: 'annual-staff',
  kind: 'annual_staff',
  title: words('Årlig medarbejderundersøgelse', 'Annual staff survey', 'Årlig medarbetarundersökning'),
  intro: words(
    'Dine svar vises aldrig for dig alene og aldrig for en enhed med færre end fem svar.',
    'Your answers are never shown on their own, and never for a unit with fewer than five answers.',
    'Dina svar visas aldrig för sig och aldrig för en enhet med färre än fem svar.',
  ),
  questions: [
    scale(
      'structure',
      words(
        'Hvor tilfreds er du med, hvordan vi er organiseret?',
        'How satisfied are you with how we are organised?',
        'Hur nöjd är du med hur vi är organiserade?',
      ),
    ),
    scale(
      'tasks',
      words(
        'Hvor tilfreds er du med dine opgaver?',
        'How satisfied are you with your tasks?',
        'Hur nöjd är du med dina arbetsuppgifter?',
      ),
    ),
    scale(
      'responsibility',
      words(
        'Er det klart, hvem der har ansvaret for hvad?',
        'Is it clear who is responsible for what?',
        'Är det tydligt vem som ansvarar för vad?',
      ),
    ),
    scale(
      'duty-roster',
      words(
        'Hvor tilfreds er du med vagtplanen?',
        'How satisfied are you with the duty roster?',
        'Hur nöjd är du med schemat?',
      ),
    ),
    scale(
      'opening-hours',
      words(
        'Hvor tilfreds er du med åbningstiderne, set fra dit arbejde?',
        'How satisfied are you with the opening hours, as seen from your work?',
        'Hur nöjd är du med öppettiderna, sett från ditt arbete?',
      ),
    ),
    scale(
      'overall',
      words(
        'Alt i alt, hvor tilfreds er du med dit arbejde her?',
        'Overall, how satisfied are you with your work here?',
        'Hur nöjd är du totalt sett med ditt arbete här?',
      ),
      true,
    ),
    comment(words('Hvad skal vi gøre bedre?', 'What should we do better?', 'Vad borde vi göra bättre?')),
  ],
  headlineQuestionId: 'overall',
  trigger: { delayDays: 0, samplingShare: {}, quarantineDays: 300, expiryDays: 30 },
};

/** The ready-made definitions, checked against the contract once when the module loads. */
export const SURVEY_TEMPLATES: readonly TSurveyDefinition[] = [
  AFTER_DECISION,
  AFTER_CONTACT,
  ANNUAL_USER,
  ANNUAL_STAFF,
].map((d) => ZSurveyDefinition.parse(d));
