/**
 * The citizen portal's HTML forms, as the server parses them (the JSON API's schemas are beside their routes'
 * contracts). A form field arrives as a string, or as a list of strings when a name is repeated.
 */
import { z } from 'zod';

const ZCsrfField = z.string().max(200).optional();
const ZFormValue = z.union([z.string(), z.array(z.string())]);

/** Fields of the guided application's forms other than the answers themselves. */
export const APPLICATION_FORM_FIELDS = ['_csrf', 'action', 'idempotencyKey'] as const;

/**
 * A step of the guided application (and its send form): the answers as `a.<requirement key>`, the button pressed
 * (`action`: `later` saves and leaves) and the submission key. Any other field is a tampered form (400).
 */
export const ZApplicationStepForm = z.record(z.string(), ZFormValue).superRefine((form, ctx) => {
  for (const key of Object.keys(form)) {
    if (key.startsWith('a.') || (APPLICATION_FORM_FIELDS as readonly string[]).includes(key)) continue;
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: `The form contains a field that is not part of this application: ${key}.`,
    });
  }
});
export type TApplicationStepForm = z.infer<typeof ZApplicationStepForm>;

/** Removing a document from a draft: which one (the use case refuses anything but one of the draft's). */
export const ZRemoveDraftDocumentForm = z.object({ _csrf: ZCsrfField, documentId: z.string().max(200).default('') });
export type TRemoveDraftDocumentForm = z.infer<typeof ZRemoveDraftDocumentForm>;

/** The text fields sent with an answer on one's own case; its files are parts named `document.<requirement>`. */
export const ZCaseAnswerFields = z.strictObject({ _csrf: ZCsrfField, answer: z.string().max(1_000_000).default('') });
export type TCaseAnswerFields = z.infer<typeof ZCaseAnswerFields>;

/** The prefix of a file part's name on the answer form; `document.other` is a free attachment. */
export const ANSWER_DOCUMENT_PREFIX = 'document.';

/**
 * A complaint on one's own case. A kind left out or a text left empty is shown on the form again (see the rules
 * below); a kind that is not one of the two is a tampered form (400).
 */
export const ZComplaintForm = z.object({
  _csrf: ZCsrfField,
  kind: z.enum(['procedure', 'decision', '']).default(''),
  text: z.string().max(1_000_000).default(''),
});
export type TComplaintForm = z.infer<typeof ZComplaintForm>;

/** Signing out by form: where to go next, if it is a path on this site (anything else is ignored, never a 400). */
export const ZLogoutForm = z.object({ returnTo: z.string().max(2000).optional().catch(undefined) });
export type TLogoutForm = z.infer<typeof ZLogoutForm>;
