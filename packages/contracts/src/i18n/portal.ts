import type { Catalogue } from './types.js';

/** The citizen portal's frame and its own pages: front page, sign-in, accessibility statement, my cases. */
export const portal: Catalogue = {
  da: {
    siteName: 'Selvbetjening',
    homeLink: '{{authority}} selvbetjening – gå til forsiden',
    chooseLanguage: 'Vælg sprog',
    mainMenu: 'Hovedmenu',
    navHome: 'Forside',
    navMyCases: 'Mine sager',
    navBackOffice: 'Medarbejderportal',
    signedInAs: 'Logget ind som {{name}}',
    signOut: 'Log ud',
    signIn: 'Log ind',

    footerContactHeading: 'Kontakt {{authority}}',
    footerContactText: 'Borgerservice hjælper dig med selvbetjeningen og svarer på spørgsmål om din sag.',
    footerEmail: 'E-mail',
    footerPhone: 'Telefon',
    footerAddress: 'Adresse',
    footerAboutHeading: 'Om selvbetjeningen',
    footerAboutText:
      'Selvbetjeningen drives af {{authority}} på Sagsgang, en platform med åben kildekode til sagsbehandling og servicekvalitet.',

    frontTitle: 'Selvbetjening hos {{authority}}',
    frontIntro:
      'Her kan du søge, følge din sag undervejs, se hvad vi mangler fra dig, og hvornår du kan forvente en afgørelse. Du logger ind med MitID eller med det brugernavn, du har fået af os.',
    myCasesHeading: 'Mine sager',
    myCasesText: 'Se dine sager, hvor langt de er, hvad vi mangler fra dig, og svar på vores spørgsmål.',
    applyHeading: 'Det kan du søge om',
    applyNone:
      'Der er endnu ikke åbnet for digitale ansøgninger her. Kontakt Borgerservice, hvis du vil søge – så hjælper vi dig videre.',
    applyServiceGoal: 'Servicemål: {{goal}}',
    helpHeading: 'Brug for hjælp?',
    helpText:
      'Kan du ikke bruge selvbetjeningen, kan Borgerservice hjælpe dig eller tage imod din ansøgning på anden vis.',

    myCasesTitle: 'Mine sager',
    myCasesIntro: 'Her ser du de sager, du har hos {{authority}}.',
    myCasesNone: 'Du har ingen sager hos os.',
    myCasesNotAvailable:
      'Oversigten over dine sager er ikke taget i brug her endnu. Kontakt Borgerservice, hvis du vil høre om din sag.',
    myCasesStaff: 'Du er logget ind som medarbejder. Dine arbejdsopgaver finder du i medarbejderportalen.',
    myCasesColumnCase: 'Sag',
    myCasesColumnStatus: 'Status',
    myCasesColumnExpected: 'Forventet afgørelse',

    loginTitle: 'Log ind',
    loginIntro: 'Log ind for at søge og følge dine sager. Medarbejdere logger også ind her.',
    loginProvidersHeading: 'Log ind med digital identitet',
    loginWith: 'Log ind med {{label}}',
    loginLocalHeading: 'Log ind med brugernavn og adgangskode',
    username: 'Brugernavn',
    password: 'Adgangskode',
    loginSubmit: 'Log ind',
    alreadySignedIn: 'Du er allerede logget ind som {{name}}.',
    continue: 'Fortsæt',
    signedOut: 'Du er nu logget ud.',
    passwordSetupTitle: 'Vælg din adgangskode',
    passwordSetupIntro:
      'Vælg en adgangskode på mindst 12 tegn, som ikke indeholder dit brugernavn. Flere ord i en sætning er lette at huske og svære at gætte.',
    passwordSetupUser: 'Adgangskoden gælder brugeren {{username}}.',
    passwordNew: 'Ny adgangskode',
    passwordRepeat: 'Gentag adgangskoden',
    passwordSetupSubmit: 'Gem adgangskode',
    passwordSetupInvalidLink: 'Linket er allerede brugt, er udløbet eller findes ikke. Bed en administrator om et nyt.',
    passwordSetDone: 'Din adgangskode er gemt. Log ind med den.',
    errorPasswordTooShort: 'Adgangskoden skal have mindst 12 tegn.',
    errorPasswordHasUsername: 'Adgangskoden må ikke indeholde dit brugernavn.',
    errorPasswordMismatch: 'De to adgangskoder er ikke ens.',
    errorSummaryHeading: 'Der er et problem',
    errorInvalidCredentials: 'Brugernavnet eller adgangskoden er forkert.',
    errorUsernameMissing: 'Skriv dit brugernavn.',
    errorPasswordMissing: 'Skriv din adgangskode.',
    errorRateLimited: 'Du har prøvet for mange gange. Vent et øjeblik, og prøv igen.',
    errorRateLimitedMinutes:
      'Du har prøvet for mange gange. Af hensyn til sikkerheden kan du prøve igen om {{minutes}} min.',
    errorExpired: 'Formularen er udløbet. Prøv at logge ind igen.',
    errorOidc: 'Log ind med digital identitet lykkedes ikke. Prøv igen, eller brug en anden måde at logge ind på.',
    errorGeneric: 'Det lykkedes ikke at logge ind. Prøv igen.',
    errorPrefix: 'Fejl:',
    alertInfo: 'Information',
    alertSuccess: 'Udført',
    alertWarning: 'Advarsel',
    alertError: 'Fejl',

    a11yTitle: 'Tilgængelighedserklæring',
    a11yIntro:
      '{{authority}} ønsker, at alle kan bruge selvbetjeningen. Denne erklæring gælder for selvbetjeningen på {{url}} og er udarbejdet efter lov om tilgængelighed af offentlige organers websteder og mobilapplikationer.',
    a11yStatusHeading: 'Overholdelse',
    a11yStatusText:
      'Selvbetjeningen overholder delvist standarden WCAG 2.1 niveau AA (EN 301 549). Det skyldes de forhold, der er nævnt nedenfor.',
    a11yKnownHeading: 'Det, der ikke er tilgængeligt',
    a11yKnownDocuments:
      'Breve og dokumenter i din sag, som kommer fra andre systemer eller er scannet, kan være svære at læse med skærmlæser. Bed os om en tilgængelig udgave, så sender vi den.',
    a11yKnownTexts:
      'Vejledninger, som vi selv skriver til de enkelte ansøgninger, findes ikke altid på engelsk. Så vises den danske tekst.',
    a11yKnownManual:
      'Selvbetjeningen er endnu ikke gennemgået manuelt med skærmlæser af en uafhængig part. Automatiske test finder ikke alle problemer.',
    a11yHowHeading: 'Sådan er selvbetjeningen bygget og testet',
    a11yHowText:
      'Siderne er bygget med Det Fælles Designsystem, kan bruges med tastatur alene og virker uden JavaScript. Hver gang selvbetjeningen ændres, testes alle sider automatisk i en browser for overholdelse af WCAG 2.1 niveau A og AA, både med og uden JavaScript.',
    a11yFeedbackHeading: 'Feedback og kontakt',
    a11yFeedbackText:
      'Oplever du problemer med tilgængeligheden, eller har du brug for indholdet i en anden form, så skriv til {{contact}}. Vi svarer inden for 10 arbejdsdage.',
    a11yEnforcementHeading: 'Klagemulighed',
    a11yEnforcementText:
      'Digitaliseringsstyrelsen fører tilsyn med, at offentlige myndigheders websteder er tilgængelige. Får du ikke et tilfredsstillende svar fra os, kan du klage til Digitaliseringsstyrelsen.',
    a11yEnforcementLink: 'Digitaliseringsstyrelsen (digst.dk)',
    a11yPreparedHeading: 'Udarbejdelse',
    a11yPreparedText: 'Erklæringen blev udarbejdet den {{date}} på grundlag af automatiske test og egen gennemgang.',
    a11yContactFallback: 'Borgerservice',
  },
  en: {
    siteName: 'Self-service',
    homeLink: '{{authority}} self-service – go to the home page',
    chooseLanguage: 'Choose language',
    mainMenu: 'Main menu',
    navHome: 'Home',
    navMyCases: 'My cases',
    navBackOffice: 'Staff back office',
    signedInAs: 'Signed in as {{name}}',
    signOut: 'Sign out',
    signIn: 'Sign in',

    footerContactHeading: 'Contact {{authority}}',
    footerContactText: 'Citizen service helps you with the self-service and answers questions about your case.',
    footerEmail: 'E-mail',
    footerPhone: 'Phone',
    footerAddress: 'Address',
    footerAboutHeading: 'About this self-service',
    footerAboutText:
      '{{authority}} runs this self-service on Sagsgang, an open-source platform for casework and service quality.',

    frontTitle: '{{authority}} self-service',
    frontIntro:
      'Here you can apply, follow your case as it progresses, see what we still need from you and when to expect a decision. Sign in with MitID or with the username we have given you.',
    myCasesHeading: 'My cases',
    myCasesText: 'See your cases, how far they have come, what we need from you, and answer our questions.',
    applyHeading: 'What you can apply for',
    applyNone:
      'Online applications have not been opened here yet. Contact citizen service if you want to apply, and we will help you.',
    applyServiceGoal: 'Service goal: {{goal}}',
    helpHeading: 'Need help?',
    helpText:
      'If you cannot use the self-service, citizen service can help you or take your application in another way.',

    myCasesTitle: 'My cases',
    myCasesIntro: 'These are the cases you have with {{authority}}.',
    myCasesNone: 'You have no cases with us.',
    myCasesNotAvailable:
      'The overview of your cases is not in use here yet. Contact citizen service to hear about your case.',
    myCasesStaff: 'You are signed in as staff. Your work is in the staff back office.',
    myCasesColumnCase: 'Case',
    myCasesColumnStatus: 'Status',
    myCasesColumnExpected: 'Expected decision',

    loginTitle: 'Sign in',
    loginIntro: 'Sign in to apply and follow your cases. Staff sign in here too.',
    loginProvidersHeading: 'Sign in with a digital identity',
    loginWith: 'Sign in with {{label}}',
    loginLocalHeading: 'Sign in with username and password',
    username: 'Username',
    password: 'Password',
    loginSubmit: 'Sign in',
    alreadySignedIn: 'You are already signed in as {{name}}.',
    continue: 'Continue',
    signedOut: 'You are now signed out.',
    passwordSetupTitle: 'Choose your password',
    passwordSetupIntro:
      'Choose a password of at least 12 characters that does not contain your user name. Several words in a sentence are easy to remember and hard to guess.',
    passwordSetupUser: 'The password is for the user {{username}}.',
    passwordNew: 'New password',
    passwordRepeat: 'Repeat the password',
    passwordSetupSubmit: 'Save password',
    passwordSetupInvalidLink:
      'The link has already been used, has expired or does not exist. Ask an administrator for a new one.',
    passwordSetDone: 'Your password is saved. Sign in with it.',
    errorPasswordTooShort: 'The password must have at least 12 characters.',
    errorPasswordHasUsername: 'The password must not contain your user name.',
    errorPasswordMismatch: 'The two passwords are not the same.',
    errorSummaryHeading: 'There is a problem',
    errorInvalidCredentials: 'The username or password is incorrect.',
    errorUsernameMissing: 'Enter your username.',
    errorPasswordMissing: 'Enter your password.',
    errorRateLimited: 'You have tried too many times. Wait a moment and try again.',
    errorRateLimitedMinutes: 'You have tried too many times. For your security, you can try again in {{minutes}} min.',
    errorExpired: 'The form has expired. Please sign in again.',
    errorOidc: 'Signing in with a digital identity did not succeed. Try again, or use another way to sign in.',
    errorGeneric: 'Signing in did not succeed. Please try again.',
    errorPrefix: 'Error:',
    alertInfo: 'Information',
    alertSuccess: 'Done',
    alertWarning: 'Warning',
    alertError: 'Error',

    a11yTitle: 'Accessibility statement',
    a11yIntro:
      '{{authority}} wants everyone to be able to use this self-service. This statement covers the self-service at {{url}} and is made under the Danish act on the accessibility of public sector websites and mobile applications.',
    a11yStatusHeading: 'Compliance status',
    a11yStatusText:
      'This self-service is partially compliant with WCAG 2.1 level AA (EN 301 549), because of the issues listed below.',
    a11yKnownHeading: 'Content that is not accessible',
    a11yKnownDocuments:
      'Letters and documents in your case that come from other systems or are scanned may be hard to read with a screen reader. Ask us for an accessible version and we will send it.',
    a11yKnownTexts:
      'Guidance we write ourselves for each kind of application is not always available in English. The Danish text is shown then.',
    a11yKnownManual:
      'The self-service has not yet been reviewed manually with a screen reader by an independent party. Automated tests do not find every problem.',
    a11yHowHeading: 'How the self-service is built and tested',
    a11yHowText:
      'The pages are built with the Danish common design system, can be used with a keyboard alone and work without JavaScript. Every time the self-service changes, all its pages are tested automatically in a browser against WCAG 2.1 levels A and AA, with and without JavaScript.',
    a11yFeedbackHeading: 'Feedback and contact',
    a11yFeedbackText:
      'If you meet an accessibility problem or need the content in another form, write to {{contact}}. We answer within 10 working days.',
    a11yEnforcementHeading: 'Enforcement procedure',
    a11yEnforcementText:
      'The Danish Agency for Digital Government supervises the accessibility of public sector websites. If you are not satisfied with our answer, you can complain to the agency.',
    a11yEnforcementLink: 'Danish Agency for Digital Government (digst.dk)',
    a11yPreparedHeading: 'Preparation of this statement',
    a11yPreparedText: 'This statement was prepared on {{date}}, based on automated tests and our own review.',
    a11yContactFallback: 'citizen service',
  },
  sv: {
    siteName: 'Självbetjäning',
    homeLink: '{{authority}} självbetjäning – gå till startsidan',
    chooseLanguage: 'Välj språk',
    mainMenu: 'Huvudmeny',
    navHome: 'Start',
    navMyCases: 'Mina ärenden',
    navBackOffice: 'Personalens arbetsyta',
    signedInAs: 'Inloggad som {{name}}',
    signOut: 'Logga ut',
    signIn: 'Logga in',

    footerContactHeading: 'Kontakta {{authority}}',
    footerContactText: 'Medborgarservice hjälper dig med självbetjäningen och svarar på frågor om ditt ärende.',
    footerEmail: 'E-post',
    footerPhone: 'Telefon',
    footerAddress: 'Adress',
    footerAboutHeading: 'Om den här självbetjäningen',
    footerAboutText:
      '{{authority}} driver den här självbetjäningen på Sagsgang, en plattform med öppen källkod för ärendehandläggning och servicekvalitet.',

    frontTitle: '{{authority}} självbetjäning',
    frontIntro:
      'Här kan du ansöka, följa ditt ärende medan det handläggs, se vad vi fortfarande behöver från dig och när du kan vänta dig ett beslut. Logga in med MitID eller med det användarnamn vi har gett dig.',
    myCasesHeading: 'Mina ärenden',
    myCasesText: 'Se dina ärenden, hur långt de har kommit, vad vi behöver från dig, och svara på våra frågor.',
    applyHeading: 'Det här kan du ansöka om',
    applyNone:
      'Ansökningar på nätet har inte öppnats här ännu. Kontakta medborgarservice om du vill ansöka, så hjälper vi dig.',
    applyServiceGoal: 'Servicemål: {{goal}}',
    helpHeading: 'Behöver du hjälp?',
    helpText:
      'Om du inte kan använda självbetjäningen kan medborgarservice hjälpa dig eller ta emot din ansökan på annat sätt.',

    myCasesTitle: 'Mina ärenden',
    myCasesIntro: 'Det här är de ärenden du har hos {{authority}}.',
    myCasesNone: 'Du har inga ärenden hos oss.',
    myCasesNotAvailable:
      'Översikten över dina ärenden används inte här ännu. Kontakta medborgarservice för att höra om ditt ärende.',
    myCasesStaff: 'Du är inloggad som personal. Ditt arbete finns i personalens arbetsyta.',
    myCasesColumnCase: 'Ärende',
    myCasesColumnStatus: 'Status',
    myCasesColumnExpected: 'Väntat beslut',

    loginTitle: 'Logga in',
    loginIntro: 'Logga in för att ansöka och följa dina ärenden. Personal loggar också in här.',
    loginProvidersHeading: 'Logga in med en digital identitet',
    loginWith: 'Logga in med {{label}}',
    loginLocalHeading: 'Logga in med användarnamn och lösenord',
    username: 'Användarnamn',
    password: 'Lösenord',
    loginSubmit: 'Logga in',
    alreadySignedIn: 'Du är redan inloggad som {{name}}.',
    continue: 'Fortsätt',
    signedOut: 'Du är nu utloggad.',
    passwordSetupTitle: 'Välj ditt lösenord',
    passwordSetupIntro:
      'Välj ett lösenord på minst 12 tecken som inte innehåller ditt användarnamn. Flera ord i en mening är lätta att minnas och svåra att gissa.',
    passwordSetupUser: 'Lösenordet gäller användaren {{username}}.',
    passwordNew: 'Nytt lösenord',
    passwordRepeat: 'Upprepa lösenordet',
    passwordSetupSubmit: 'Spara lösenord',
    passwordSetupInvalidLink: 'Länken har redan använts, har gått ut eller finns inte. Be en administratör om en ny.',
    passwordSetDone: 'Ditt lösenord är sparat. Logga in med det.',
    errorPasswordTooShort: 'Lösenordet måste ha minst 12 tecken.',
    errorPasswordHasUsername: 'Lösenordet får inte innehålla ditt användarnamn.',
    errorPasswordMismatch: 'De två lösenorden är inte lika.',
    errorSummaryHeading: 'Det finns ett problem',
    errorInvalidCredentials: 'Användarnamnet eller lösenordet är fel.',
    errorUsernameMissing: 'Ange ditt användarnamn.',
    errorPasswordMissing: 'Ange ditt lösenord.',
    errorRateLimited: 'Du har försökt för många gånger. Vänta en stund och försök igen.',
    errorRateLimitedMinutes:
      'Du har försökt för många gånger. Av säkerhetsskäl kan du försöka igen om {{minutes}} min.',
    errorExpired: 'Formuläret har gått ut. Logga in igen.',
    errorOidc: 'Inloggningen med digital identitet lyckades inte. Försök igen, eller logga in på ett annat sätt.',
    errorGeneric: 'Inloggningen lyckades inte. Försök igen.',
    errorPrefix: 'Fel:',
    alertInfo: 'Information',
    alertSuccess: 'Klart',
    alertWarning: 'Varning',
    alertError: 'Fel',

    a11yTitle: 'Tillgänglighetsredogörelse',
    a11yIntro:
      '{{authority}} vill att alla ska kunna använda den här självbetjäningen. Redogörelsen gäller självbetjäningen på {{url}} och är gjord enligt den danska lagen om tillgänglighet till offentliga webbplatser och mobilappar.',
    a11yStatusHeading: 'Efterlevnadsstatus',
    a11yStatusText:
      'Den här självbetjäningen är delvis förenlig med WCAG 2.1 nivå AA (EN 301 549), på grund av de brister som anges nedan.',
    a11yKnownHeading: 'Innehåll som inte är tillgängligt',
    a11yKnownDocuments:
      'Brev och dokument i ditt ärende som kommer från andra system eller är inskannade kan vara svåra att läsa med skärmläsare. Be oss om en tillgänglig version så skickar vi den.',
    a11yKnownTexts:
      'Vägledning som vi själva skriver för varje typ av ansökan finns inte alltid på svenska. Då visas den engelska texten.',
    a11yKnownManual:
      'Självbetjäningen har ännu inte granskats manuellt med skärmläsare av en oberoende part. Automatiska tester hittar inte alla problem.',
    a11yHowHeading: 'Hur självbetjäningen är byggd och testad',
    a11yHowText:
      'Sidorna är byggda med det danska gemensamma designsystemet, kan användas med enbart tangentbord och fungerar utan JavaScript. Varje gång självbetjäningen ändras testas alla dess sidor automatiskt i en webbläsare mot WCAG 2.1 nivå A och AA, med och utan JavaScript.',
    a11yFeedbackHeading: 'Återkoppling och kontakt',
    a11yFeedbackText:
      'Om du stöter på ett tillgänglighetsproblem eller behöver innehållet i en annan form, skriv till {{contact}}. Vi svarar inom 10 arbetsdagar.',
    a11yEnforcementHeading: 'Tillsyn',
    a11yEnforcementText:
      'Den danska myndigheten för digital förvaltning (Digitaliseringsstyrelsen) utövar tillsyn över offentliga webbplatsers tillgänglighet. Om du inte är nöjd med vårt svar kan du klaga till myndigheten.',
    a11yEnforcementLink: 'Digitaliseringsstyrelsen (digst.dk)',
    a11yPreparedHeading: 'Hur redogörelsen har tagits fram',
    a11yPreparedText: 'Redogörelsen upprättades den {{date}}, utifrån automatiska tester och vår egen granskning.',
    a11yContactFallback: 'medborgarservice',
  },
};
