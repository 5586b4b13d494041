/**
 * Whether a client's inbound message asks to stop marketing: "STOP" / "СТОП" by SMS (alone, any
 * case, trailing punctuation allowed), or the label of the Telegram "Unsubscribe" button (a reply
 * keyboard button sends its label as the message), or the bot command /stop. Anything longer is a
 * message for an operator, not an opt-out.
 */
export function isMarketingStop(text: string): boolean {
  const word = text
    .trim()
    .replace(/[.!\s]+$/u, '')
    .toLowerCase();
  return stopWords.has(word) || /^\/stop(@\w+)?$/.test(word);
}

/** The Telegram button's labels, by the client's language. */
export const unsubscribeButtonLabels = { ru: 'Отписаться', en: 'Unsubscribe' } as const;

const stopWords = new Set(['stop', 'стоп', 'unsubscribe', 'отписаться']);
