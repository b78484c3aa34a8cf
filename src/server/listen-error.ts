/** Haven could not listen on its address: the sentence says why, and what to do. */
export class ListenError extends Error {}
