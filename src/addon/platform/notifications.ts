// Desktop notifications for the features (a folder's signature report, a server's certificate).

/** Shows (or replaces, same id) a basic notification with one of the add-on's icons. */
export async function notify(id: string, o: { icon: string; title: string; message: string }): Promise<void> {
  await messenger.notifications.create(id, { type: "basic", iconUrl: messenger.runtime.getURL(o.icon), title: o.title, message: o.message });
}
