/**
 * Every legal number the appeals service counts with, each beside its source. Administrative
 * Procedural and Process-Related Code of the Republic of Kazakhstan of 29 June 2020 No. 350-VI
 * (АППК). Entries marked `verify: true` must be re-checked against the current text of the Code.
 */
export type LegalTerm = { value: number; source: string; verify: boolean };

export const legalTerms = {
  /** An appeal is considered within 15 working days of receipt, unless a law sets another term. */
  considerationWorkingDays: { value: 15, source: 'АППК art. 76 part 1', verify: false },
  /** A complaint is considered within 20 working days of receipt. */
  complaintConsiderationWorkingDays: { value: 20, source: 'АППК art. 100 part 1', verify: true },
  /** An appeal outside the body's competence is forwarded to the competent body within 3 working days. */
  forwardingWorkingDays: { value: 3, source: 'АППК art. 76 (forwarding; see also art. 66)', verify: true },
  /** The term may be extended by a reasoned decision to at most 2 months in total. */
  maxTotalMonths: { value: 2, source: 'АППК art. 76 part 2', verify: false },
  /** The applicant is notified of an extension within 3 working days of the decision. */
  extensionNoticeWorkingDays: { value: 3, source: 'АППК art. 76 part 2', verify: true },
  /**
   * A review reopened by the applicant's 'not satisfied' rating gets the general term again, counted
   * from the reopening: the Code sets no term for it, so this is the akimat's rule, not the law's.
   */
  reopenedReviewWorkingDays: { value: 15, source: 'akimat rule after АППК art. 76 part 1 (no term in the Code for a reopened review)', verify: true },
} as const satisfies Record<string, LegalTerm>;

/**
 * End of the working day in Kazakhstan local time: an appeal received later counts from the next
 * working day (АППК art. 64 registration on the day of receipt). The hour comes from the akimat's
 * internal labour regulations, not from the Code, so it is configuration.
 */
export const workingDayEnd = { hour: 18, minute: 30, source: 'internal labour regulations of the akimat' } as const;
