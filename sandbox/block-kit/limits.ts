/**
 * Slack's Block Kit limits, in one place so a limit Slack changes is a one-line edit here and the
 * tests (which read this table) follow. Lengths are characters, counts are items, unless named.
 * Sources: Slack's Block Kit reference and the platform notes on Block Kit limits.
 */
export const LIMITS = {
  // Surfaces
  messageBlocks: 50,
  viewBlocks: 100,
  // Slack truncates rather than rejects past this, which silently loses content: treat it as an error.
  messageText: 40_000,
  // Slack documents "250kb"; we read it as 250,000 bytes of UTF-8 JSON, the stricter of the two readings,
  // so a view that passes here cannot fail there.
  viewBytes: 250_000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  callbackId: 255,
  externalId: 255,
  privateMetadata: 3000,

  // Identifiers
  blockId: 255,
  actionId: 255,

  // Composition objects
  textObject: 3000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  optionGroupLabel: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  url: 3000,

  // Blocks
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  contextActionsElements: 5,
  inputLabel: 2000,
  inputHint: 2000,
  imageAltText: 2000,
  imageTitle: 2000,
  markdownText: 12_000,
  videoTitle: 200,
  tableRows: 100,
  tableCells: 20,

  // Elements
  buttonText: 75,
  buttonValue: 2000,
  accessibilityLabel: 75,
  selectOptions: 100,
  optionGroups: 100,
  overflowOptionsMin: 2,
  overflowOptionsMax: 5,
  choiceOptions: 10, // checkboxes and radio_buttons
  plainTextInputLength: 3000,
  fileInputMaxFiles: 10,
} as const;
