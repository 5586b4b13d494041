/** What the bot says; one place to translate. */
export const telegramTexts = {
  greeting: 'Hello! Write your question here and our support team will answer in this chat. To let us find your account, please share your phone number.',
  greetingLinked: 'Hello again! Write your question here and our support team will answer in this chat.',
  shareButton: 'Share my phone number',
  linked: (phone: string) => `Thank you! We have your number ${phone}.`,
  sharedOwn: (phone: string) => `Shared their phone number ${phone}`,
  sharedOther: (name: string, phone: string) => `Shared a contact: ${name} ${phone}`,
  whichUnit: 'Which of your premises is this about? Choose one below.',
  unitChosen: (label: string) => `Thank you! Noted: ${label}.`,
  unitRefused: 'Sorry, this choice is no longer possible.',
  invalidPhone: 'Sorry, we could not read that phone number. Please write it in a message.',
} as const;
