// Types of the test-only Experiment (experiments/testbed/schema.json).
declare namespace messenger.testbed {
  interface AccountOptions {
    email: string;
    fullName: string;
    username: string;
    password: string;
    imapHost: string;
    imapPort: number;
    smtpHost: string;
    smtpPort: number;
    socketType: number;
  }
  function createAccount(options: AccountOptions): Promise<string>;
  function syncInbox(accountId: string): Promise<void>;
  function inboxReady(accountId: string): Promise<boolean>;
  function setIntPref(name: string, value: number): Promise<void>;
  function offlineHeads(messageIds: number[]): Promise<{ offline: number; bytes: number; heads: number }>;
  function clickFolderMenu(accountId: string, label: string): Promise<string[]>;
  function composeType(text: string): Promise<string[]>;
  function autocomplete(searchString: string): Promise<string[]>;
  function inboxDiag(accountId: string): Promise<string>;
  function memoryReport(): Promise<string>;
  function processTypes(): Promise<string>;
  function glodaBusy(): Promise<boolean>;
  function collectionMs(): Promise<number>;
  function inboxDatabaseOpen(accountId: string, action: "close" | "open" | "query"): Promise<boolean>;
  function bodySearch(accountId: string, text: string): Promise<string>;
  function minimizeMemory(): Promise<void>;
  function profilerStart(entries: number): Promise<void>;
  function profilerStop(path: string): Promise<void>;
  function quit(): Promise<void>;
}
