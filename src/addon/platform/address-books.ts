// Thunderbird's address books for the directory feature: the user's own contacts, and the
// read-only address book the add-on provides (its searches answered by the directory).
type ContactProperties = messenger.addressBooks.contacts.ContactProperties;

/** The vCards of the local contacts matching a search (remote address books are not asked). */
export async function localContactVCards(searchString: string): Promise<string[]> {
  const nodes = await messenger.addressBooks.contacts.query({ searchString, includeRemote: false, includeLocal: true });
  return nodes.map((n) => n.vCard ?? "");
}

export interface ProvidedResults {
  isCompleteResult: boolean;
  /** In MV3 each result is a vCard string (ext-addressBook.js); the schema still says ContactProperties. */
  results: string[];
}

/** Provides the read-only address book `addressBookName`. Registers at once (event page). */
export function provideAddressBook(options: { addressBookName: string; isSecure: boolean; id: string }, search: (searchString: string) => Promise<ProvidedResults>): void {
  messenger.addressBooks.provider.onSearchRequest.addListener(
    async (_node, searchString) => (await search(searchString ?? "")) as unknown as { isCompleteResult: boolean; results: ContactProperties[] },
    options,
  );
}
