// Context menu items of the add-on (the folder pane's « Vérifier les signatures »).
export type MenuContext = messenger.menus.ContextType;
export interface MenuClick {
  menuItemId: number | string;
  /** The folders selected in the folder pane, for a folder_pane item. */
  folder?: { id: string; path: string };
}

export function createMenu(id: string, title: string, contexts: MenuContext[]): void {
  messenger.menus.create({ id, title, contexts });
}

/** Registers at once (event page). */
export function onMenuClicked(listener: (click: MenuClick) => void): void {
  messenger.menus.onClicked.addListener((info) => {
    const f = info.selectedFolders?.[0];
    listener({ menuItemId: info.menuItemId, folder: f?.id ? { id: f.id, path: f.path } : undefined });
  });
}
