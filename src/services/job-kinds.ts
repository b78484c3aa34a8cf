/** The receipt email to a reporter who left an address. */
export const RECEIPT_EMAIL_JOB = 'email.receipt';

export interface ReceiptEmailPayload {
  caseId: string;
  partyId: string;
  reference: string;
  language: string;
}
