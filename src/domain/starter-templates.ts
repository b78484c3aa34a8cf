import type { StarterTemplate } from './reply-templates.js';

// The templates every desk starts with: short, warm, and honest about what happens next. Each
// leaves marked blanks where only the handler can write the part about this person and case;
// the boilerplate check refuses a reply that leaves them as they are.
export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  {
    key: 'acknowledgement',
    name: 'First answer: we have your report',
    purpose: 'acknowledgement',
    body: 'Hello {recipientName},\n\nI am {handlerName} and I will be looking after your report {caseReference}. Thank you for taking the time to write it down; I know that is not easy.\n\n[what you understood from the report, in a sentence or two]\n\nThe first thing I will look at is [what you will look at first]. You will hear from me by {promiseDate}, even if I have nothing new to tell you yet.\n\n{handlerName}',
  },
  {
    key: 'request_for_information',
    name: 'Asking the reporter for more',
    purpose: 'request_for_information',
    body: 'Hello {recipientName},\n\nI am working on {caseReference} and one thing would help me: [what you need and why it matters].\n\nIf it is easier, you can add it on the status page with your access code. There is no need to gather everything at once; send what you have.\n\nI will write again by {promiseDate}.\n\n{handlerName}',
  },
  {
    key: 'update',
    name: 'Update while the work goes on',
    purpose: 'update',
    body: 'Hello {recipientName},\n\nHere is where {caseReference} stands. Since I last wrote, [what you did or found since the last message].\n\nNext I will [the next step]. I have not forgotten you: my next update will reach you by {promiseDate}.\n\n{handlerName}',
  },
  {
    key: 'waiting_on_others',
    name: 'Update while others decide',
    purpose: 'update',
    body: 'Hello {recipientName},\n\nYour case {caseReference} is now with [who is looking at it now], because [why it went to them]. That can take a while, and I would rather tell you so than leave you guessing.\n\nI will check on it and write to you by {promiseDate}.\n\n{handlerName}',
  },
  {
    key: 'non_actionable_next_steps',
    name: 'Closing: we cannot act, and what you can do',
    purpose: 'non_actionable_next_steps',
    body: 'Hello {recipientName},\n\nI have finished looking into {caseReference}. I looked at [what you looked at], and I am sorry to say that [why the desk cannot act on it].\n\nThis does not mean what happened was fine, or that you were wrong to tell us. Here is what you can still do:\n[next steps that fit this person: where else to go, what to keep, when to write again]\n\nIf anything new happens, you can reply on the status page and the case will open again.\n\n{handlerName}',
  },
  {
    key: 'closing_after_action',
    name: 'Closing: action was taken',
    purpose: 'closing_after_action',
    body: 'Hello {recipientName},\n\nI am writing to close {caseReference}. After looking at [what you looked at], we [what was done, in words the reporter can follow].\n\n[what this means for the reporter from now on]\n\nIf it starts again, or anything else worries you, write to us on the status page; the case will open again and come back to me.\n\n{handlerName}',
  },
  {
    key: 'advice_to_reported_person',
    name: 'Advice to the person reported',
    purpose: 'advice_to_reported_person',
    body: 'Hello {recipientName},\n\nI am writing on behalf of the desk about your recent conduct: [the facts, without naming anyone who reported it].\n\nWhat we ask of you from now on: [the concrete change you ask for].\n\nIf you think we have this wrong, you can tell us by replying to this message, and [how to appeal].\n\n{handlerName}',
  },
  {
    key: 'follow_up',
    name: 'Checking in after closing',
    purpose: 'other',
    body: 'Hello {recipientName},\n\nSome time has passed since we closed {caseReference}, and I wanted to ask how things are for you now. [something specific to what happened to this person]\n\nYou do not need to answer. If anything has started again, reply on the status page and I will pick it up.\n\n{handlerName}',
  },
];
