/**
 * The legal terms every service counts with, each beside the article that sets it: Administrative
 * Procedural and Process-Related Code of the Republic of Kazakhstan of 29 June 2020 No. 350-VI
 * (АППК), as DOMAIN.md cites it. This is the only place these numbers are written; services import
 * them. `verify: true` marks a citation to re-check against the current text of the Code.
 */
export type LegalTerm = { value: number; article: string; verify: boolean };

export const legalTerms = {
  /** An appeal is considered within 15 working days, day 1 being the day after registration. */
  considerationWorkingDays: { value: 15, article: 'АППК art. 76 parts 1–2', verify: false },
  /** A complaint is considered within 20 working days, and its term is not extended. */
  complaintConsiderationWorkingDays: { value: 20, article: 'АППК art. 99', verify: false },
  /** An appeal outside the body's competence goes to the competent body within 3 working days of its receipt. */
  forwardingWorkingDays: { value: 3, article: 'АППК art. 65 part 1', verify: false },
  /** A reasoned decision extends the term "не более чем до двух месяцев со дня принятия такого решения". */
  extensionMaxMonths: { value: 2, article: 'АППК art. 76 part 3', verify: false },
  /** The applicant is told of an extension within 3 working days of the decision. */
  extensionNoticeWorkingDays: { value: 3, article: 'АППК art. 76 part 3', verify: false },
  /**
   * A review reopened by the applicant's 'not satisfied' rating gets the general term again, counted
   * from the reopening: the Code sets no term for it, so this is the akimat's rule, not the law's.
   */
  reopenedReviewWorkingDays: { value: 15, article: 'akimat rule after АППК art. 76 part 1 (no term in the Code for a reopened review)', verify: true },
  /**
   * An instruction given at reception whose event carries no usable due date gets the general term
   * of an appeal: the akimat's rule, borrowed from the Code.
   */
  receptionInstructionWorkingDays: { value: 15, article: 'akimat rule after АППК art. 76 part 1', verify: true },
} as const satisfies Record<string, LegalTerm>;

/** Rules of the Code that are not numbers, cited where the code applies them. */
export const legalRules = {
  /** Registration on the day of receipt; received after the working day or on a day off: the next working day. */
  registrationOnDayOfReceipt: 'АППК art. 64 part 3',
  /** A term whose last day is a non-working day ends on the next working day. */
  lastDayMovesToWorkingDay: 'АППК art. 76 part 5',
  /** "Продление срока рассмотрения жалобы не допускается", unless a law allows it. */
  complaintNotExtended: 'АППК art. 99',
} as const;
