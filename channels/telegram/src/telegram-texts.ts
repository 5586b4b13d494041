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
  unitSiteLocked:
    'Sorry, this choice is no longer possible: your request is already being worked on at the other premises. Please write to us here if it is about this one.',
  invalidPhone: 'Sorry, we could not read that phone number. Please write it in a message.',
  passHelp: 'To order a pass, send /pass and the visitor’s name or car plate, e.g. /pass Pyotr Ivanov or /pass A123BC77.',
  passNotLinked: 'Please share your phone number first (the button under /start), so we know whose guest it is.',
  passNoUnits: 'We find no premises of yours; please ask the management office.',
  passChooseUnit: (units: readonly string[]) =>
    `Which premises is the guest coming to? Send the number first, e.g. /pass 1 Pyotr Ivanov:\n${units.map((label, i) => `${i + 1}. ${label}`).join('\n')}`,
  passRefused: (reason: string) => `The pass cannot be ordered: ${reason}`,
  passOrdered: (who: string, label: string, until: Date) => `Pass ordered: ${who}, ${label}, until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
} as const;
