// GENERATED FILE - DO NOT EDIT.
// Generated from the WebExtension schemas of Thunderbird 153 ESR (omni.ja),
// Manifest V3 only, by:
//   node scripts/gen-thunderbird-types.mjs
// Check that it is up to date with:
//   node scripts/gen-thunderbird-types.mjs --check

/** Thunderbird WebExtension APIs (Manifest V3); `browser` is an alias. */
declare namespace messenger {
  /** A WebExtension event: `messenger.<api>.onSomething`. */
  interface WebExtEvent<
    TCallback extends (...args: never[]) => unknown,
    TExtraParameters extends unknown[] = [],
  > {
    /** Registers a listener; some events take extra parameters (filters, options). */
    addListener(callback: TCallback, ...extraParameters: TExtraParameters): void;
    /** Deregisters a listener. */
    removeListener(callback: TCallback): void;
    /** Whether the listener is registered. */
    hasListener(callback: TCallback): boolean;
  }

  /** A listener result: the value itself or a Promise of it. */
  type MaybePromise<T> = T | Promise<T>;

  /** `accounts`: The accounts API provides access to the user's server accounts. */
  namespace accounts {
    /** The type of an account which was added by an extension. */
    type ExtensionMailAccountType = string;

    /** An object describing a mail account, as returned for example by the accounts.list and accounts.get methods. */
    interface MailAccount {
      /** A unique identifier for this account. */
      id: MailAccountId;
      /** The human-friendly name of this account. */
      name: string;
      /** What sort of account this is. */
      type: NativeMailAccountType | ExtensionMailAccountType;
      /** The root folder associated with this account. */
      rootFolder: messenger.folders.MailFolder;
      /** The identities associated with this account. */
      identities: messenger.identities.MailIdentity[];
    }

    /** A unique id representing a accounts.MailAccount. */
    type MailAccountId = string;

    /** The type of an account natively supported by Thunderbird. */
    type NativeMailAccountType = "ews" | "imap" | "local" | "nntp" | "pop3" | "rss";

    /** The `messenger.accounts` API object. */
    interface Static {
      /** Returns all mail accounts. */
      list(includeSubFolders?: boolean): Promise<MailAccount[]>;
      /** Returns details of the requested account, or null if it doesn't exist. */
      get(accountId: MailAccountId, includeSubFolders?: boolean): Promise<MailAccount | null>;
      /** Returns the default account, or null if it is not defined. */
      getDefault(includeSubFolders?: boolean): Promise<MailAccount | null>;
      /** Fired when a new account has been created. */
      onCreated: messenger.WebExtEvent<(accountId: MailAccountId, account: MailAccount) => void>;
      /** Fired when an account has been removed. */
      onDeleted: messenger.WebExtEvent<(accountId: MailAccountId) => void>;
      /** Fired when a property of an account has been modified. */
      onUpdated: messenger.WebExtEvent<(accountId: MailAccountId, changedValues: {
        /** The human-friendly name of this account. */
        name: string;
        /** The default identity of this account. */
        defaultIdentity: messenger.identities.MailIdentity;
      }) => void>;
    }
  }

  /** `action`: Use the action API to add a button to Thunderbird's unified toolbar. */
  namespace action {
    /** An array of four integers in the range [0,255] that make up the RGBA color. */
    type ColorArray = number[];

    /** A dictionary object to specify multiple ImageData objects in different sizes, so the icon does not have to be scaled for a device with a different pixel density. */
    interface ImageDataDictionary {
      [key: string]: ImageDataType;
    }

    /** Pixel data for an image. */
    type ImageDataType = ImageData;

    /** Information sent when an action button is clicked. */
    interface OnClickData {
      /** An array of keyboard modifiers that were held while the menu item was clicked. */
      modifiers: Array<"Shift" | "Alt" | "Command" | "Ctrl" | "MacCtrl">;
      /** An integer value of button by which menu item was clicked. */
      button?: number;
    }

    /** The `messenger.action` API object. */
    interface Static {
      /** Sets the title of the action button. */
      setTitle(details: {
        /** A string the action button should display as its label and when moused over. */
        title: string | null;
        /** Sets the title only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the title of the action button. */
      getTitle(details: {
        /** Specifies for which tab the title should be retrieved. */
        tabId?: number;
      }): Promise<string>;
      /** Sets the label of the action button. */
      setLabel(details: {
        /** A string the action button should use as its label, overriding the defined title. */
        label: string | null;
        /** Sets the label only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the label of the action button. */
      getLabel(details: {
        /** Specifies for which tab the label should be retrieved. */
        tabId?: number;
      }): Promise<string | null>;
      /** Sets the icon for the action button. */
      setIcon(details: {
        /** The image data for one or more icons for the action button. */
        imageData?: ImageDataType | ImageDataDictionary;
        /** The paths to one or more icons for the action button. */
        path?: messenger.manifest.IconPath;
        /** Sets the icon only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Sets the html document to be opened as a popup when the user clicks on the action button. */
      setPopup(details: {
        /** The html file to show in a popup. */
        popup: string | null;
        /** Sets the popup only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the html document set as the popup for this action button. */
      getPopup(details: {
        /** Specifies for which tab the popup document should be retrieved. */
        tabId?: number;
      }): Promise<string>;
      /** Sets the badge text for the action button. */
      setBadgeText(details: {
        /** Any number of characters can be passed, but only about four can fit in the space. */
        text: string | null;
        /** Sets the badge text only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the badge text of the action button. */
      getBadgeText(details: {
        /** Specifies for which tab the badge text should be retrieved. */
        tabId?: number;
      }): Promise<string>;
      /** Sets the text color for the badge. */
      setBadgeTextColor(details: {
        /** The color to use as text color in the badge. */
        color: string | ColorArray | null;
        /** Sets the text color for the badge only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the text color of the badge. */
      getBadgeTextColor(details: {
        /** Specifies for which tab the badge text color should be retrieved. */
        tabId?: number;
      }): Promise<ColorArray>;
      /** Sets the background color for the badge. */
      setBadgeBackgroundColor(details: {
        /** The color to use as background in the badge. */
        color: string | ColorArray | null;
        /** Sets the background color for the badge only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the badge background color of the action button. */
      getBadgeBackgroundColor(details: {
        /** Specifies for which tab the badge background color should be retrieved. */
        tabId?: number;
      }): Promise<ColorArray>;
      /** Enables the action button for a specific tab (if a tabId is provided), or for all tabs which do not have a custom enable state. */
      enable(tabId?: number): Promise<void>;
      /** Disables the action button for a specific tab (if a tabId is provided), or for all tabs which do not have a custom enable state. */
      disable(tabId?: number): Promise<void>;
      /** Checks whether the action button is enabled. */
      isEnabled(details: {
        /** Specifies for which tab the state should be retrieved. */
        tabId?: number;
      }): Promise<boolean>;
      /** Opens the action's popup window in the specified window. */
      openPopup(options?: {
        /** Defaults to the current window. */
        windowId?: number;
      }): Promise<boolean>;
      /** Fired when an action button is clicked. */
      onClicked: messenger.WebExtEvent<(tab: messenger.tabs.Tab, info?: OnClickData) => void>;
    }
  }

  /** `addressBooks`: The addressBooks API allows to access and manage the user's address books. */
  namespace addressBooks {
    /** A node representing an address book. */
    interface AddressBookNode {
      /** The unique identifier for the node. */
      id: string;
      /** The id of the parent object. */
      parentId?: string;
      /** Always set to addressBook. */
      type: NodeType;
      /** Indicates if the object is read-only. */
      readOnly?: boolean;
      /** Indicates if the address book is accessed via remote look-up. */
      remote?: boolean;
      name: string;
      /** A list of contacts held by this node's address book or mailing list. */
      contacts?: messenger.addressBooks.contacts.ContactNode[];
      /** A list of mailingLists in this node's address book. */
      mailingLists?: messenger.addressBooks.mailingLists.MailingListNode[];
    }

    /** Indicates the type of a Node. */
    type NodeType = "addressBook" | "contact" | "mailingList";

    /** The `messenger.addressBooks` API object. */
    interface Static {
      /** Opens the address book user interface. */
      openUI(): Promise<messenger.tabs.Tab>;
      /** Closes the address book user interface. */
      closeUI(): Promise<void>;
      /** Gets a list of the user's address books, optionally including all contacts and mailing lists. */
      list(complete?: boolean): Promise<AddressBookNode[]>;
      /** Gets a single address book, optionally including all contacts and mailing lists. */
      get(id: string, complete?: boolean): Promise<AddressBookNode>;
      /** Creates a new, empty address book. */
      create(properties: {
        name: string;
      }): Promise<string>;
      /** Renames an address book. */
      update(id: string, properties: {
        name: string;
      }): Promise<void>;
      /** Removes an address book, and all associated contacts and mailing lists. */
      delete(id: string): Promise<void>;
      /** Fired when an address book is created. */
      onCreated: messenger.WebExtEvent<(node: AddressBookNode) => void>;
      /** Fired when an address book is renamed. */
      onUpdated: messenger.WebExtEvent<(node: AddressBookNode) => void>;
      /** Fired when an addressBook is deleted. */
      onDeleted: messenger.WebExtEvent<(id: string) => void>;
      readonly contacts: messenger.addressBooks.contacts.Static;
      readonly mailingLists: messenger.addressBooks.mailingLists.Static;
      /** The address book provider API allows to add address books, which are not stored or cached by Thunderbird itself, but are handled completely by the extension. */
      readonly provider: messenger.addressBooks.provider.Static;
    }

    /** `addressBooks.contacts` */
    namespace contacts {
      /** A node representing a contact in an address book. */
      interface ContactNode {
        /** The unique identifier for the node. */
        id: string;
        /** The id of the parent object. */
        parentId?: string;
        /** Always set to contact. */
        type: messenger.addressBooks.NodeType;
        /** Indicates if the object is read-only. */
        readOnly?: boolean;
        /** Indicates if the object came from a remote address book. */
        remote?: boolean;
        vCard: string;
      }

      /** A set of individual properties for a particular contact, and its vCard string. */
      interface ContactProperties {
        [key: string]: string | null;
      }

      /** A dictionary of changed properties. */
      interface PropertyChange {
        [key: string]: {
          oldValue: string | null;
          newValue: string | null;
        };
      }

      type QueryInfo = {
        /** The id of the address book to search. */
        parentId?: string;
        /** One or more space-separated terms to search for in predefined contact fields (defined by the preference mail.addr_book.quicksearchquery.format). */
        searchString?: string;
        /** Whether to include results from local address books. */
        includeLocal?: boolean;
        /** Whether to include results from remote address books. */
        includeRemote?: boolean;
        /** Whether to include results from read-only address books. */
        includeReadOnly?: boolean;
        /** Whether to include results from read-write address books. */
        includeReadWrite?: boolean;
      };

      /** The `messenger.addressBooks.contacts` API object. */
      interface Static {
        /** Gets all the contacts in the address book with the id parentId. */
        list(parentId: string): Promise<ContactNode[]>;
        /** Gets all contacts matching queryInfo. */
        query(queryInfo: QueryInfo): Promise<ContactNode[]>;
        /** Gets a single contact. */
        get(id: string): Promise<ContactNode>;
        /** Gets the photo associated with this contact. */
        getPhoto(id: string): Promise<File | null>;
        /** Sets the photo associated with this contact. */
        setPhoto(id: string, file: File): Promise<void>;
        /** Adds a new contact to the address book with the id parentId. */
        create(parentId: string, vCard: string): Promise<string>;
        /** Updates a contact. */
        update(id: string, vCard: string): Promise<void>;
        /** Removes a contact from the address book. */
        delete(id: string): Promise<void>;
        /** Fired when a contact is created. */
        onCreated: messenger.WebExtEvent<(node: ContactNode) => void>;
        /** Fired when a large number of contacts are added. */
        onManyCreated: messenger.WebExtEvent<(node: messenger.addressBooks.AddressBookNode) => void>;
        /** Fired when a contact is changed. */
        onUpdated: messenger.WebExtEvent<(node: ContactNode, oldVCard: string) => void>;
        /** Fired when a contact is removed from an address book. */
        onDeleted: messenger.WebExtEvent<(parentId: string, id: string) => void>;
      }
    }

    /** `addressBooks.mailingLists` */
    namespace mailingLists {
      /** A node representing a mailing list. */
      interface MailingListNode {
        /** The unique identifier for the node. */
        id: string;
        /** The id of the parent object. */
        parentId?: string;
        /** Always set to mailingList. */
        type: messenger.addressBooks.NodeType;
        /** Indicates if the object is read-only. */
        readOnly?: boolean;
        /** Indicates if the object came from a remote address book. */
        remote?: boolean;
        name: string;
        nickName: string;
        description: string;
        /** A list of contacts held by this node's address book or mailing list. */
        contacts?: messenger.addressBooks.contacts.ContactNode[];
      }

      /** The `messenger.addressBooks.mailingLists` API object. */
      interface Static {
        /** Gets all the mailing lists in the address book with id parentId. */
        list(parentId: string): Promise<MailingListNode[]>;
        /** Gets a single mailing list. */
        get(id: string): Promise<MailingListNode>;
        /** Creates a new mailing list in the address book with id parentId. */
        create(parentId: string, properties: {
          name: string;
          nickName?: string;
          description?: string;
        }): Promise<string>;
        /** Edits the properties of a mailing list. */
        update(id: string, properties: {
          name: string;
          nickName?: string;
          description?: string;
        }): Promise<void>;
        /** Removes the mailing list. */
        delete(id: string): Promise<void>;
        /** Adds a contact to the mailing list with id id. */
        addMember(id: string, contactId: string): Promise<void>;
        /** Gets all contacts that are members of the mailing list with id id. */
        listMembers(id: string): Promise<messenger.addressBooks.contacts.ContactNode[]>;
        /** Removes a contact from the mailing list with id id. */
        removeMember(id: string, contactId: string): Promise<void>;
        /** Fired when a mailing list is created. */
        onCreated: messenger.WebExtEvent<(node: MailingListNode) => void>;
        /** Fired when a mailing list is changed. */
        onUpdated: messenger.WebExtEvent<(node: MailingListNode) => void>;
        /** Fired when a mailing list is deleted. */
        onDeleted: messenger.WebExtEvent<(parentId: string, id: string) => void>;
        /** Fired when a contact is added to the mailing list. */
        onMemberAdded: messenger.WebExtEvent<(node: messenger.addressBooks.contacts.ContactNode) => void>;
        /** Fired when a contact is removed from the mailing list. */
        onMemberRemoved: messenger.WebExtEvent<(parentId: string, id: string) => void>;
      }
    }

    /** `addressBooks.provider`: The address book provider API allows to add address books, which are not stored or cached by Thunderbird itself, but are handled completely by the extension. */
    namespace provider {
      /** The `messenger.addressBooks.provider` API object. */
      interface Static {
        /** Registering this listener will create a read-only address book, similar to an LDAP address book. */
        onSearchRequest: messenger.WebExtEvent<
          (node: messenger.addressBooks.AddressBookNode, searchString?: string, query?: string) => messenger.MaybePromise<{
            results: messenger.addressBooks.contacts.ContactProperties[];
            isCompleteResult: boolean;
          }>,
          [parameters: {
            /** The name of the created address book. */
            addressBookName?: string;
            /** Whether the address book search queries are using encrypted protocols like HTTPS. */
            isSecure?: boolean;
            /** The unique identifier of the created address book. */
            id?: string;
          }]
        >;
      }
    }
  }

  /** `alarms` */
  namespace alarms {
    interface Alarm {
      /** Name of this alarm. */
      name: string;
      /** Time when the alarm is scheduled to fire, in milliseconds past the epoch. */
      scheduledTime: number;
      /** When present, signals that the alarm triggers periodically after so many minutes. */
      periodInMinutes?: number;
    }

    /** The `messenger.alarms` API object. */
    interface Static {
      /** Creates an alarm. */
      create(name: string | undefined, alarmInfo: {
        /** Time when the alarm is scheduled to first fire, in milliseconds past the epoch. */
        when?: number;
        /** Number of minutes from the current time after which the alarm should first fire. */
        delayInMinutes?: number;
        /** Number of minutes after which the alarm should recur repeatedly. */
        periodInMinutes?: number;
      }): Promise<void>;
      /** Creates an alarm. */
      create(alarmInfo: {
        /** Time when the alarm is scheduled to first fire, in milliseconds past the epoch. */
        when?: number;
        /** Number of minutes from the current time after which the alarm should first fire. */
        delayInMinutes?: number;
        /** Number of minutes after which the alarm should recur repeatedly. */
        periodInMinutes?: number;
      }): Promise<void>;
      /** Retrieves details about the specified alarm. */
      get(name?: string): Promise<Alarm | undefined>;
      /** Gets an array of all the alarms. */
      getAll(): Promise<Alarm[]>;
      /** Clears the alarm with the given name. */
      clear(name?: string): Promise<boolean>;
      /** Clears all alarms. */
      clearAll(): Promise<boolean>;
      /** Fired when an alarm has expired. */
      onAlarm: messenger.WebExtEvent<(name: Alarm) => void>;
    }
  }

  /** `compose`: The compose API allows to interact with the message composition window. */
  namespace compose {
    /** Represents an attachment in a message being composed. */
    interface ComposeAttachment {
      /** A unique identifier for this attachment. */
      id: number;
      /** The name of this attachment, as displayed to the user. */
      name?: string;
      /** The size in bytes of this attachment. */
      size?: number;
    }

    /** Used by various functions to represent the state of a message being composed. */
    interface ComposeDetails {
      /** An additional fcc folder which can be selected while composing the message. */
      additionalFccFolderId?: messenger.folders.MailFolderId;
      /** Whether the public OpenPGP key of the sending identity should be attached to the message. */
      attachPublicPGPKey?: boolean;
      /** Whether or not the vCard of the used identity will be attached to the message during send. */
      attachVCard?: boolean;
      /** Only used in the begin* functions. */
      attachments?: Array<FileAttachment | ComposeAttachment>;
      bcc?: ComposeRecipientList;
      /** The HTML content of the message. */
      body?: string;
      cc?: ComposeRecipientList;
      /** Array of custom headers. */
      customHeaders?: CustomHeader[];
      /** Defines the MIME format of the sent message (ignored on plain text messages). */
      deliveryFormat?: "auto" | "plaintext" | "html" | "both";
      /** Let the sender know when the recipient's server received the message. */
      deliveryStatusNotification?: boolean;
      /** The selected encryption technology (OpenPGP or S/MIME) which is to be used to sign and/or encrypt the message. */
      selectedEncryptionTechnology?: EncryptionPropertiesSMIME | EncryptionPropertiesOpenPGP;
      followupTo?: ComposeRecipientList;
      /** *Caution*: Setting a value for from does not change the used identity, it overrides the From header. */
      from?: ComposeRecipient;
      /** The ID of an identity from the accounts. */
      identityId?: string;
      /** Whether the composer is considered modified by the user. */
      isModified?: boolean;
      /** Whether the message is an HTML message or a plain text message. */
      isPlainText?: boolean;
      /** A single newsgroup name or an array of newsgroup names. */
      newsgroups?: string | string[];
      /** This value overrides the default fcc setting (defined by the used identity) for this message only. */
      overrideDefaultFccFolderId?: messenger.folders.MailFolderId;
      /** The plain text content of the message. */
      plainTextBody?: string;
      /** The priority of the message. */
      priority?: "lowest" | "low" | "normal" | "high" | "highest";
      /** The id of the original message (in case of draft, template, forward or reply). */
      relatedMessageId?: messenger.messages.MessageId;
      replyTo?: ComposeRecipientList;
      /** Add the Disposition-Notification-To header to the message to requests the recipients email client to send a reply once the message has been received. */
      returnReceipt?: boolean;
      subject?: string;
      to?: ComposeRecipientList;
      /** Read-only. */
      type?: "draft" | "new" | "redirect" | "reply" | "forward";
    }

    /** A dictionary object with entries for all installed dictionaries, having a language identifier as key (for example en-US) and a boolean expression as value, indicating whether that dictionary is enabled for spellchecking or not. */
    interface ComposeDictionaries {
      [key: string]: boolean;
    }

    type ComposeRecipient = string | {
      /** The ID of a contact or mailing list node from the addressBooks.contacts or addressBooks.mailingLists. */
      nodeId: string;
      /** Which sort of object this ID is for. */
      type: "contact" | "mailingList";
    };

    type ComposeRecipientList = ComposeRecipient | ComposeRecipient[];

    /** Represent the state of the message composer. */
    interface ComposeState {
      /** The message can be send now. */
      canSendNow: boolean;
      /** The message can be send later. */
      canSendLater: boolean;
    }

    /** A custom header definition. */
    interface CustomHeader {
      /** Name of a custom header, must be prefixed by X- (but not by X-Mozilla-) or be one of the explicitly allowed headers (MSIP_Labels) */
      name: string;
      value: string;
    }

    interface EncryptionPropertiesOpenPGP {
      name: string;
      /** Whether encryption of the message body using the OpenPGP technology is enabled. */
      encryptBody: boolean;
      /** Whether encryption of the message subject using the OpenPGP technology is enabled (only supported if encryption of the body is enabled a well). */
      encryptSubject: boolean;
      /** Whether the message will be signed using the OpenPGP technology. */
      signMessage: boolean;
    }

    interface EncryptionPropertiesSMIME {
      name: string;
      /** Whether encryption of the message body using the S/MIME technology is enabled. */
      encryptBody: boolean;
      /** Whether the message will be signed using the S/MIME technology */
      signMessage: boolean;
    }

    /** Object used to add, update or rename an attachment in a message being composed. */
    interface FileAttachment {
      /** The new content for the attachment. */
      file?: File;
      /** The new name for the attachment, as displayed to the user. */
      name?: string;
    }

    /** The `messenger.compose` API object. */
    interface Static {
      /** Open a new message compose window. */
      beginNew(messageId?: messenger.messages.MessageId, details?: ComposeDetails): Promise<messenger.tabs.Tab>;
      /** Open a new message compose window. */
      beginNew(details?: ComposeDetails): Promise<messenger.tabs.Tab>;
      /** Open a new message compose window replying to a given message. */
      beginReply(messageId: messenger.messages.MessageId, replyType?: "replyToSender" | "replyToList" | "replyToAll", details?: ComposeDetails): Promise<messenger.tabs.Tab>;
      /** Open a new message compose window replying to a given message. */
      beginReply(messageId: messenger.messages.MessageId, details?: ComposeDetails): Promise<messenger.tabs.Tab>;
      /** Open a new message compose window forwarding a given message. */
      beginForward(messageId: messenger.messages.MessageId, forwardType?: "forwardInline" | "forwardAsAttachment", details?: ComposeDetails): Promise<messenger.tabs.Tab>;
      /** Open a new message compose window forwarding a given message. */
      beginForward(messageId: messenger.messages.MessageId, details?: ComposeDetails): Promise<messenger.tabs.Tab>;
      /** Fetches the current state of a compose window. */
      getComposeDetails(tabId: number): Promise<ComposeDetails>;
      /** Updates the compose window. */
      setComposeDetails(tabId: number, details: ComposeDetails): Promise<void>;
      /** Returns a compose.ComposeDictionaries object, listing all installed dictionaries, including the information whether they are currently enabled or not. */
      getActiveDictionaries(tabId: number): Promise<ComposeDictionaries>;
      /** Updates the active dictionaries. */
      setActiveDictionaries(tabId: number, activeDictionaries: string[]): Promise<void>;
      /** Lists all of the attachments of the message being composed in the specified tab. */
      listAttachments(tabId: number): Promise<ComposeAttachment[]>;
      /** Gets the content of a compose.ComposeAttachment as a File object. */
      getAttachmentFile(id: number): Promise<File>;
      /** Adds an attachment to the message being composed in the specified tab. */
      addAttachment(tabId: number, attachment: FileAttachment | ComposeAttachment): Promise<ComposeAttachment>;
      /** Updates the name and/or the content of an attachment in the message being composed in the specified tab. */
      updateAttachment(tabId: number, attachmentId: number, attachment: FileAttachment): Promise<ComposeAttachment>;
      /** Removes an attachment from the message being composed in the specified tab. */
      removeAttachment(tabId: number, attachmentId: number): Promise<void>;
      /** Sends the message currently being composed. */
      sendMessage(tabId: number, options?: {
        mode: "default" | "sendNow" | "sendLater";
      }): Promise<{
        /** The used send mode. */
        mode: "sendNow" | "sendLater";
        /** The header messageId of the outgoing message. */
        headerMessageId?: string;
        /** Copies of the sent message. */
        messages: messenger.messages.MessageHeader[];
      }>;
      /** Saves the message currently being composed as a draft or as a template. */
      saveMessage(tabId: number, options?: {
        mode: "draft" | "template";
      }): Promise<{
        /** The used save mode. */
        mode: "draft" | "template";
        /** An array with exactly one element, the saved message. */
        messages: messenger.messages.MessageHeader[];
      }>;
      /** Returns information about the current state of the message composer. */
      getComposeState(tabId: number): Promise<ComposeState>;
      /** Fired when a message is about to be sent from the compose window. */
      onBeforeSend: messenger.WebExtEvent<(tab: messenger.tabs.Tab, details: ComposeDetails) => messenger.MaybePromise<{
        /** Cancels the send. */
        cancel?: boolean;
        /** Updates the compose window. */
        details?: ComposeDetails;
      } | void>>;
      /** Fired when sending a message succeeded or failed. */
      onAfterSend: messenger.WebExtEvent<(tab: messenger.tabs.Tab, sendInfo: {
        /** The used send mode. */
        mode: "sendNow" | "sendLater";
        /** An error description, if sending the message failed. */
        error?: string;
        /** The header messageId of the outgoing message. */
        headerMessageId?: string;
        /** Copies of the sent message. */
        messages: messenger.messages.MessageHeader[];
        /** The compose.ComposeDetails of the send message. */
        details: ComposeDetails;
      }) => void>;
      /** Fired when saving a message as draft or template succeeded or failed. */
      onAfterSave: messenger.WebExtEvent<(tab: messenger.tabs.Tab, saveInfo: {
        /** The used save mode. */
        mode: "autoSave" | "draft" | "template";
        /** An error description, if saving the message failed. */
        error?: string;
        /** An array with exactly one element, the saved message. */
        messages: messenger.messages.MessageHeader[];
        /** The compose.ComposeDetails of the saved message. */
        details: ComposeDetails;
      }) => void>;
      /** Fired when an attachment is added to a message being composed. */
      onAttachmentAdded: messenger.WebExtEvent<(tab: messenger.tabs.Tab, attachment: ComposeAttachment) => void>;
      /** Fired when an attachment is removed from a message being composed. */
      onAttachmentRemoved: messenger.WebExtEvent<(tab: messenger.tabs.Tab, attachmentId: number) => void>;
      /** Fired when the user changes the identity that will be used to send a message being composed. */
      onIdentityChanged: messenger.WebExtEvent<(tab: messenger.tabs.Tab, identityId: string) => void>;
      /** Fired when the state of the message composer changed. */
      onComposeStateChanged: messenger.WebExtEvent<(tab: messenger.tabs.Tab, state: ComposeState) => void>;
      /** Fired when one or more dictionaries have been activated or deactivated. */
      onActiveDictionariesChanged: messenger.WebExtEvent<(tab: messenger.tabs.Tab, dictionaries: ComposeDictionaries) => void>;
    }
  }

  /** `events` (types only): The chrome.events namespace contains common types used by APIs dispatching events to notify you when something interesting happens. */
  namespace events {
    /** An object which allows the addition and removal of listeners for a Chrome event. */
    interface Event {
      /** Registers an event listener callback to an event. */
      addListener(callback: (...args: any[]) => unknown): void;
      /** Deregisters an event listener callback from an event. */
      removeListener(callback: (...args: any[]) => unknown): void;
      hasListener(callback: (...args: any[]) => unknown): boolean;
      hasListeners(): boolean;
    }
  }

  /** `extension` (types only): The browser.extension API has utilities that can be used by any extension page. */
  namespace extension {
    /** The type of extension view. */
    type ViewType = "tab" | "popup" | "sidebar";
  }

  /** `extensionTypes` (types only): The browser.extensionTypes API contains type declarations for WebExtensions. */
  namespace extensionTypes {
    /** The origin of the CSS to inject, this affects the cascading order (priority) of the stylesheet. */
    type CSSOrigin = "user" | "author";

    type Date = string | number | globalThis.Date;

    /** The soonest that the JavaScript or CSS will be injected into the tab. */
    type RunAt = "document_start" | "document_end" | "document_idle";
  }

  /** `folders`: The folders API allows to access and manage the user's message folders. */
  namespace folders {
    /** An object describing a folder. */
    type MailFolder = {
      /** The id of the account this folder belongs to. */
      accountId?: messenger.accounts.MailAccountId;
      /** An identifier for the folder. */
      id: MailFolderId;
      /** Whether this folder is a favorite folder. */
      isFavorite: boolean;
      /** Whether this folder is a root folder. */
      isRoot: boolean;
      /** Whether this folder is a virtual tag folder. */
      isTag: boolean;
      /** Whether this folder is a unified mailbox folder. */
      isUnified: boolean;
      /** Whether this folder is a virtual search folder. */
      isVirtual: boolean;
      /** The human-friendly name of this folder. */
      name: string;
      /** Path to this folder in the account. */
      path: string;
      /** The special use of this folder. */
      specialUse: MailFolderSpecialUse[];
      /** Subfolders of this folder. */
      subFolders?: MailFolder[];
    };

    /** An object containing capability information about a folder. */
    interface MailFolderCapabilities {
      /** Whether this folder supports adding new messages. */
      canAddMessages?: boolean;
      /** Whether this folder supports adding new subfolders. */
      canAddSubfolders?: boolean;
      /** Whether this folder can be deleted. */
      canBeDeleted?: boolean;
      /** Whether this folder can be renamed. */
      canBeRenamed?: boolean;
      /** Whether this folder supports deleting messages. */
      canDeleteMessages?: boolean;
    }

    /** A unique id representing a folders.MailFolder throughout a session. */
    type MailFolderId = string;

    /** An object containing additional information about a folder. */
    interface MailFolderInfo {
      /** Date the folder was last used. */
      lastUsed?: messenger.extensionTypes.Date;
      /** Date the folder was last used as a destination. */
      lastUsedAsDestination?: messenger.extensionTypes.Date;
      /** Quota information, if available. */
      quota?: MailFolderQuota[];
      /** Number of new messages in this folder. */
      newMessageCount?: number;
      /** Number of messages in this folder. */
      totalMessageCount?: number;
      /** Number of unread messages in this folder. */
      unreadMessageCount?: number;
    }

    /** An object containing quota information. */
    interface MailFolderQuota {
      /** The type of the quota as defined by RFC 2087. */
      type: "STORAGE" | "MESSAGE";
      /** The maximum available quota. */
      limit: number;
      /** The currently used quota. */
      used: number;
      /** The currently unused quota. */
      unused: number;
    }

    /** Supported values for the special use of a folder. */
    type MailFolderSpecialUse = "inbox" | "drafts" | "sent" | "trash" | "templates" | "archives" | "junk" | "outbox";

    /** An object defining a range for a date value to be used in queries. */
    type QueryDateRange = {
      /** Whether the date must be considered to be recent by Thunderbird (within the last month) or not, to match the query. */
      recent: boolean;
    } | {
      /** The minimum date required to match the query. */
      after?: messenger.extensionTypes.Date;
      /** The maximum date required to match the query. */
      before?: messenger.extensionTypes.Date;
    };

    /** An object defining a range for an integer value to be used in queries. */
    interface QueryRange {
      /** The minimum value required to match the query. */
      min?: number;
      /** The maximum value required to match the query. */
      max?: number;
    }

    interface RegularExpression {
      /** A regular expression, for example ^Projects \d{4}$. */
      regexp: string;
      /** Supported RegExp flags: i = case insensitive, and/or one of u = unicode support or v = extended unicode support */
      flags?: string;
    }

    /** The `messenger.folders` API object. */
    interface Static {
      /** Gets folders that match the specified properties, or all folders if no properties are specified. */
      query(queryInfo?: {
        /** Limits the search to folders of the account with the specified id. */
        accountId?: messenger.accounts.MailAccountId;
        /** Whether the folder supports adding new messages, or not. */
        canAddMessages?: boolean;
        /** Whether the folder supports adding new subfolders, or not. */
        canAddSubfolders?: boolean;
        /** Whether the folder can be deleted, or not. */
        canBeDeleted?: boolean;
        /** Whether the folder can be renamed, or not. */
        canBeRenamed?: boolean;
        /** Whether the folder supports deleting messages, or not. */
        canDeleteMessages?: boolean;
        /** Limits the search to the folder with the specified id. */
        folderId?: MailFolderId;
        /** Whether the folder (excluding subfolders) contains messages, or not. */
        hasMessages?: boolean | QueryRange;
        /** Whether the folder (excluding subfolders) contains unread messages, or not. */
        hasUnreadMessages?: boolean | QueryRange;
        /** Whether the folder (excluding subfolders) contains new messages, or not. */
        hasNewMessages?: boolean | QueryRange;
        /** Whether the folder has subfolders, or not. */
        hasSubFolders?: boolean | QueryRange;
        /** Whether the folder is a favorite folder, or not. */
        isFavorite?: boolean;
        /** Whether the folder is a root folder, or not. */
        isRoot?: boolean;
        /** Whether the folder is a virtual tag folder, or not. */
        isTag?: boolean;
        /** Whether the folder is a unified mailbox folder, or not. */
        isUnified?: boolean;
        /** Whether the folder is a virtual search folder, or not. */
        isVirtual?: boolean;
        /** Date the folder was last used (folder was accessed, user moved or copied messages into the folder or folder received new messages). */
        lastUsed?: QueryDateRange;
        /** Date the folder was last used as a destination (user moved or copied messages into the folder). */
        lastUsedAsDestination?: QueryDateRange;
        /** Limits the number of returned folders. */
        limit?: number;
        /** Return only folders whose name is matched by the provided string or regular expression. */
        name?: RegularExpression | string;
        /** Return only folders whose path is matched by the provided string or regular expression. */
        path?: RegularExpression | string;
        /**
         * Whether the folder (excluding subfolders) has been used within the last month, or not.
         * @deprecated Deprecated.
         */
        recent?: boolean;
        /** The sort order of the returned folders. */
        sort?: "lastUsed" | "lastUsedAsDestination" | "name" | "path";
        /** Match only folders with the specified special use (folders have to match all specified uses). */
        specialUse?: MailFolderSpecialUse[];
      }): Promise<MailFolder[]>;
      /** Returns the specified folder. */
      get(folderId: MailFolderId, includeSubFolders?: boolean): Promise<MailFolder>;
      /** Creates a new subfolder in the specified folder. */
      create(folderId: MailFolderId, childName: string): Promise<MailFolder>;
      /** Renames a folder. */
      rename(folderId: MailFolderId, newName: string): Promise<MailFolder>;
      /** Moves the given source folder into the given destination folder. */
      move(sourceFolderId: MailFolderId, destinationFolderId: MailFolderId): Promise<MailFolder>;
      /** Copies the given source folder into the given destination folder. */
      copy(sourceFolderId: MailFolderId, destinationFolderId: MailFolderId): Promise<MailFolder>;
      /** Deletes a folder. */
      delete(folderId: MailFolderId): Promise<void>;
      /** Updates properties of a folder. */
      update(folderId: MailFolderId, updateProperties: {
        /** Sets or clears the favorite status. */
        isFavorite?: boolean;
      }): Promise<void>;
      /** Get additional information about a folder. */
      getFolderInfo(folderId: MailFolderId): Promise<MailFolderInfo>;
      /** Get capability information about a folder. */
      getFolderCapabilities(folderId: MailFolderId): Promise<MailFolderCapabilities>;
      /** Get all parent folders as a flat ordered array. */
      getParentFolders(folderId: MailFolderId, includeSubFolders?: boolean): Promise<MailFolder[]>;
      /** Get the subfolders of the specified folder. */
      getSubFolders(folderId: MailFolderId, includeSubFolders?: boolean): Promise<MailFolder[]>;
      /** Get one of the special unified mailbox folders, which are virtual search folders and return the content from all mail accounts. */
      getUnifiedFolder(type: "inbox" | "drafts" | "sent" | "trash" | "templates" | "archives" | "junk", includeSubFolders?: boolean): Promise<MailFolder>;
      /** Get one of the special virtual tag folders, which are virtual search folders and group messages from all mail accounts based on their tags. */
      getTagFolder(key: string): Promise<MailFolder>;
      /** Marks all messages in a folder as read. */
      markAsRead(folderId: MailFolderId): Promise<void>;
      /** Fired when a folder has been created. */
      onCreated: messenger.WebExtEvent<(createdFolder: MailFolder) => void>;
      /** Fired when a folder has been renamed. */
      onRenamed: messenger.WebExtEvent<(originalFolder: MailFolder, renamedFolder: MailFolder) => void>;
      /** Fired when a folder has been moved. */
      onMoved: messenger.WebExtEvent<(originalFolder: MailFolder, movedFolder: MailFolder) => void>;
      /** Fired when a folder has been copied. */
      onCopied: messenger.WebExtEvent<(originalFolder: MailFolder, copiedFolder: MailFolder) => void>;
      /** Fired when a folder has been deleted. */
      onDeleted: messenger.WebExtEvent<(deletedFolder: MailFolder) => void>;
      /** Fired when properties of a folder have changed (specialUse and isFavorite). */
      onUpdated: messenger.WebExtEvent<(originalFolder: MailFolder, updatedFolder: MailFolder) => void>;
      /** Fired when certain information of a folder have changed. */
      onFolderInfoChanged: messenger.WebExtEvent<(folder: MailFolder, folderInfo: MailFolderInfo) => void>;
      /** The number of most recent folders used in Thunderbird's UI. */
      readonly DEFAULT_MOST_RECENT_LIMIT: -1;
    }
  }

  /** `i18n`: Use the browser.i18n infrastructure to implement internationalization across your whole app or extension. */
  namespace i18n {
    /** An ISO language code such as en or fr. */
    type LanguageCode = string;

    /** The `messenger.i18n` API object. */
    interface Static {
      /** Gets the accept-languages of the browser. */
      getAcceptLanguages(): Promise<LanguageCode[]>;
      /** Gets the localized string for the specified message. */
      getMessage(messageName: string, substitutions?: unknown): string;
      /** Gets the preferred locales of the operating system. */
      getPreferredSystemLanguages(): Promise<LanguageCode[]>;
      /** Gets the browser UI language of the browser. */
      getUILanguage(): string;
      /** Detects the language of the provided text using CLD. */
      detectLanguage(text: string): Promise<{
        /** CLD detected language reliability */
        isReliable: boolean;
        /** array of detectedLanguage */
        languages: Array<{
          language: LanguageCode;
          /** The percentage of the detected language */
          percentage: number;
        }>;
      }>;
    }
  }

  /** `identities`: The identities API allows to manage the user's identities (each account can have multiple identities). */
  namespace identities {
    interface EncryptionCapabilities {
      /** Whether the encryption technology is configured to support message encryption. */
      canEncrypt: boolean;
      /** Whether the encryption technology is configured to support message signing. */
      canSign: boolean;
    }

    interface MailIdentity {
      /** The id of the accounts.MailAccount this identity belongs to. */
      accountId?: messenger.accounts.MailAccountId;
      /** If the identity uses HTML as the default compose format. */
      composeHtml?: boolean;
      /** The user's email address as used when messages are sent from this identity. */
      email?: string;
      /** A unique identifier for this identity. */
      id?: string;
      /** A user-defined label for this identity. */
      label?: string;
      /** The user's name as used when messages are sent from this identity. */
      name?: string;
      /** The reply-to email address associated with this identity. */
      replyTo?: string;
      /** The organization associated with this identity. */
      organization?: string;
      /** The signature of the identity. */
      signature?: string;
      /** If the signature should be interpreted as plain text or as HTML. */
      signatureIsPlainText?: boolean;
      /** The encryption capabilities of this identity. */
      encryptionCapabilities?: {
        /** The capabilities of this identity for the OpenPGP encryption technology. */
        OpenPGP: EncryptionCapabilities;
        /** The capabilities of this identity for the S/MIME encryption technology. */
        "S/MIME": EncryptionCapabilities;
      };
    }

    /** The `messenger.identities` API object. */
    interface Static {
      /** Returns the identities of the specified account, or all identities if no account is specified. */
      list(accountId?: messenger.accounts.MailAccountId): Promise<MailIdentity[]>;
      /** Returns details of the requested identity, or null if it doesn't exist. */
      get(identityId: string): Promise<MailIdentity | null>;
      /** Create a new identity in the specified account. */
      create(accountId: messenger.accounts.MailAccountId, details: MailIdentity): Promise<MailIdentity>;
      /** Attempts to delete the requested identity. */
      delete(identityId: string): Promise<void>;
      /** Updates the details of an identity. */
      update(identityId: string, details: MailIdentity): Promise<MailIdentity>;
      /** Returns the default identity for the requested account, or null if it is not defined. */
      getDefault(accountId: messenger.accounts.MailAccountId): Promise<MailIdentity | null>;
      /** Sets the default identity for the requested account. */
      setDefault(accountId: messenger.accounts.MailAccountId, identityId: string): Promise<void>;
      /** Fired when a new identity has been created and added to an account. */
      onCreated: messenger.WebExtEvent<(identityId: string, identity: MailIdentity) => void>;
      /** Fired when an identity has been removed from an account. */
      onDeleted: messenger.WebExtEvent<(identityId: string) => void>;
      /** Fired when one or more properties of an identity have been modified. */
      onUpdated: messenger.WebExtEvent<(identityId: string, changedValues: MailIdentity) => void>;
    }
  }

  /** `mailTabs`: The mailTabs API allows to interact with Thunderbird's main mail tab (a.k.a 3-pane tab). */
  namespace mailTabs {
    /** A supported folder mode in the folder pane. */
    type FolderMode = "all" | "unified" | "tags" | "unread" | "favorite" | "recent";

    interface MailTab {
      tabId: number;
      windowId: number;
      active: boolean;
      /** Grouping type of the message list. */
      groupType?: "ungrouped" | "groupedByThread" | "groupedBySortType";
      /** The primary sort column of the message list. */
      sortType?: "none" | "date" | "subject" | "author" | "id" | "thread" | "priority" | "status" | "size" | "flagged" | "unread" | "recipient" | "location" | "tags" | "junkStatus" | "attachments" | "account" | "custom" | "received" | "correspondent";
      /** The sort order of the message list. */
      sortOrder?: "none" | "ascending" | "descending";
      /** The arrangement of the folder pane, message list pane, and message display pane. */
      layout: "standard" | "wide" | "vertical";
      /** The folder mode of the currently displayed folder. */
      folderMode?: FolderMode;
      /** The enabled folder modes in the folder pane, and their sort order. */
      folderModesEnabled?: FolderMode[];
      /** Whether the folder pane is visible or not. */
      folderPaneVisible?: boolean;
      /** Whether the message pane is visible or not. */
      messagePaneVisible?: boolean;
      /** The folder displayed in the mail tab. */
      displayedFolder?: messenger.folders.MailFolder;
    }

    interface MailTabProperties {
      /** Grouping type of the message list. */
      groupType?: "ungrouped" | "groupedByThread" | "groupedBySortType";
      /** Sorts the list of messages. sortOrder must also be given. */
      sortType?: "none" | "date" | "subject" | "author" | "id" | "thread" | "priority" | "status" | "size" | "flagged" | "unread" | "recipient" | "location" | "tags" | "junkStatus" | "attachments" | "account" | "custom" | "received" | "correspondent";
      /** Sorts the list of messages. sortType must also be given. */
      sortOrder?: "none" | "ascending" | "descending";
      /** Sets the arrangement of the folder pane, message list pane, and message display pane. */
      layout?: "standard" | "wide" | "vertical";
      /** Shows or hides the folder pane. */
      folderPaneVisible?: boolean;
      /** Sets the currently used folder mode, enabling it if required. */
      folderMode?: FolderMode;
      /** Set the enabled folder modes in the folder pane, and their sort order. */
      folderModesEnabled?: FolderMode[];
      /** Shows or hides the message display pane. */
      messagePaneVisible?: boolean;
      /** Sets the folder displayed in the mail tab. */
      displayedFolderId?: messenger.folders.MailFolderId;
    }

    interface QuickFilterTextDetail {
      /** String to match against the recipients, author, subject, or body. */
      text: string;
      /** Shows messages where text matches the recipients. */
      recipients?: boolean;
      /** Shows messages where text matches the author. */
      author?: boolean;
      /** Shows messages where text matches the subject. */
      subject?: boolean;
      /** Shows messages where text matches the message body. */
      body?: boolean;
    }

    /** The `messenger.mailTabs` API object. */
    interface Static {
      /** Gets all mail tabs that have the specified properties, or all mail tabs if no properties are specified. */
      query(queryInfo?: {
        /** Whether the tabs are active in their windows. */
        active?: boolean;
        /** Whether the tabs are in the current window. */
        currentWindow?: boolean;
        /** Whether the tabs are in the last focused window. */
        lastFocusedWindow?: boolean;
        /** The ID of the parent window, or windows.WINDOW_ID_CURRENT for the current window. */
        windowId?: number;
      }): Promise<MailTab[]>;
      /** Get the mailTabs.MailTab properties of a mail tab. */
      get(tabId: number): Promise<MailTab>;
      /** Creates a new mail tab. */
      create(createProperties?: MailTabProperties): Promise<MailTab>;
      /** Modifies the properties of a mail tab. */
      update(tabId: number | undefined, updateProperties: MailTabProperties): Promise<MailTab>;
      /** Modifies the properties of a mail tab. */
      update(updateProperties: MailTabProperties): Promise<MailTab>;
      /** Lists the messages in the current view, honoring sort order and filters as used in the UI. */
      getListedMessages(tabId?: number, options?: {
        /** Specifies how the returned messages should be sorted. */
        sortType?: "author" | "date" | "flagged" | "junk" | "junkScore" | "priority" | "read" | "recipients" | "size" | "subject" | "tags";
        /** The sort order for the returned messages. */
        sortOrder?: "ascending" | "descending";
      }): Promise<messenger.messages.MessageList>;
      /** Lists the messages in the current view, honoring sort order and filters as used in the UI. */
      getListedMessages(options?: {
        /** Specifies how the returned messages should be sorted. */
        sortType?: "author" | "date" | "flagged" | "junk" | "junkScore" | "priority" | "read" | "recipients" | "size" | "subject" | "tags";
        /** The sort order for the returned messages. */
        sortOrder?: "ascending" | "descending";
      }): Promise<messenger.messages.MessageList>;
      /** Lists the selected folders in the folder pane. */
      getSelectedFolders(tabId?: number): Promise<messenger.folders.MailFolder[]>;
      /** Lists the selected messages in the current folder. */
      getSelectedMessages(tabId?: number): Promise<messenger.messages.MessageList>;
      /** Selects none, one or multiple messages. */
      setSelectedMessages(tabId: number | undefined, messageIds: messenger.messages.MessageId[]): Promise<void>;
      /** Selects none, one or multiple messages. */
      setSelectedMessages(messageIds: messenger.messages.MessageId[]): Promise<void>;
      /** Sets the Quick Filter user interface based on the options specified. */
      setQuickFilter(tabId: number | undefined, properties: {
        /** Shows or hides the Quick Filter bar. */
        show?: boolean;
        /** Shows only unread messages. */
        unread?: boolean;
        /** Shows only flagged messages. */
        flagged?: boolean;
        /** Shows only messages from people in the address book. */
        contact?: boolean;
        /** Shows only messages with tags on them. */
        tags?: boolean | messenger.messages.tags.TagsDetail;
        /** Shows only messages with attachments. */
        attachment?: boolean;
        /** Shows only messages matching the supplied text. */
        text?: QuickFilterTextDetail;
      }): Promise<void>;
      /** Sets the Quick Filter user interface based on the options specified. */
      setQuickFilter(properties: {
        /** Shows or hides the Quick Filter bar. */
        show?: boolean;
        /** Shows only unread messages. */
        unread?: boolean;
        /** Shows only flagged messages. */
        flagged?: boolean;
        /** Shows only messages from people in the address book. */
        contact?: boolean;
        /** Shows only messages with tags on them. */
        tags?: boolean | messenger.messages.tags.TagsDetail;
        /** Shows only messages with attachments. */
        attachment?: boolean;
        /** Shows only messages matching the supplied text. */
        text?: QuickFilterTextDetail;
      }): Promise<void>;
      /** Fired when the displayed folder changes in any mail tab. */
      onDisplayedFolderChanged: messenger.WebExtEvent<(tab: messenger.tabs.Tab, displayedFolder: messenger.folders.MailFolder) => void>;
      /** Fired when the selected messages change in any mail tab. */
      onSelectedMessagesChanged: messenger.WebExtEvent<(tab: messenger.tabs.Tab, selectedMessages: messenger.messages.MessageList) => void>;
    }
  }

  /** `management`: The browser.management API provides ways to manage the list of extensions that are installed and running. */
  namespace management {
    /** A reason the item is disabled. */
    type ExtensionDisabledReason = "unknown" | "permissions_increase";

    /** Information about an installed extension. */
    interface ExtensionInfo {
      /** The extension's unique identifier. */
      id: string;
      /** The name of this extension. */
      name: string;
      /** A short version of the name of this extension. */
      shortName?: string;
      /** The description of this extension. */
      description: string;
      /** The version of this extension. */
      version: string;
      /** The version name of this extension if the manifest specified one. */
      versionName?: string;
      /** Whether this extension can be disabled or uninstalled by the user. */
      mayDisable: boolean;
      /** Whether it is currently enabled or disabled. */
      enabled: boolean;
      /** A reason the item is disabled. */
      disabledReason?: ExtensionDisabledReason;
      /** The type of this extension, 'extension' or 'theme'. */
      type: ExtensionType;
      /** The URL of the homepage of this extension. */
      homepageUrl?: string;
      /** The update URL of this extension. */
      updateUrl?: string;
      /** The url for the item's options page, if it has one. */
      optionsUrl: string;
      /** A list of icon information. */
      icons?: IconInfo[];
      /** Returns a list of API based permissions. */
      permissions?: string[];
      /** Returns a list of host based permissions. */
      hostPermissions?: string[];
      /** How the extension was installed. */
      installType: ExtensionInstallType;
    }

    /** How the extension was installed.developmentThe extension was loaded unpacked in developer mode,normalThe extension was installed normally via an .xpi filesideloadThe extension was installed by other software on the machineadminThe extension was installed by policyotherThe extension was installed by other means. */
    type ExtensionInstallType = "development" | "normal" | "sideload" | "admin" | "other";

    /** The type of this extension, 'extension' or 'theme'. */
    type ExtensionType = "extension" | "theme";

    /** Information about an icon belonging to an extension. */
    interface IconInfo {
      /** A number representing the width and height of the icon. */
      size: number;
      /** The URL for this icon image. */
      url: string;
    }

    /** The `messenger.management` API object. */
    interface Static {
      /** Returns a list of information about installed extensions. */
      getAll(): Promise<ExtensionInfo[]>;
      /** Returns information about the installed extension that has the given ID. */
      get(id: messenger.manifest.ExtensionID): Promise<ExtensionInfo>;
      /** Installs and enables a theme extension from the given url. */
      install(options: {
        /** URL pointing to the XPI file on addons.mozilla.org or similar. */
        url: messenger.manifest.HttpURL;
        /** A hash of the XPI file, using sha256 or stronger. */
        hash?: string;
      }): Promise<{
        id: messenger.manifest.ExtensionID;
      }>;
      /** Returns information about the calling extension. */
      getSelf(): Promise<ExtensionInfo>;
      /** Uninstalls the calling extension. */
      uninstallSelf(options?: {
        /** Whether or not a confirm-uninstall dialog should prompt the user. */
        showConfirmDialog?: boolean;
        /** The message to display to a user when being asked to confirm removal of the extension. */
        dialogMessage?: string;
      }): Promise<void>;
      /** Enables or disables the given add-on. */
      setEnabled(id: string, enabled: boolean): Promise<void>;
      /** Fired when an addon has been disabled. */
      onDisabled: messenger.WebExtEvent<(info: ExtensionInfo) => void>;
      /** Fired when an addon has been enabled. */
      onEnabled: messenger.WebExtEvent<(info: ExtensionInfo) => void>;
      /** Fired when an addon has been installed. */
      onInstalled: messenger.WebExtEvent<(info: ExtensionInfo) => void>;
      /** Fired when an addon has been uninstalled. */
      onUninstalled: messenger.WebExtEvent<(info: ExtensionInfo) => void>;
    }
  }

  /** `manifest` (types only) */
  namespace manifest {
    type CommonDataCollectionPermission = "authenticationInfo" | "bookmarksInfo" | "browsingActivity" | "financialAndPaymentInfo" | "healthInfo" | "locationInfo" | "personalCommunications" | "personallyIdentifyingInfo" | "searchTerms" | "websiteActivity" | "websiteContent";

    type ExtensionFileUrl = string;

    type ExtensionID = string;

    type ExtensionURL = string;

    type HttpURL = string;

    type IconPath = {
      [key: string]: ExtensionFileUrl;
    } | ExtensionFileUrl;

    type MatchPattern = "<all_urls>" | MatchPatternRestricted | MatchPatternUnestricted;

    /** Same as MatchPattern above, but excludes */
    type MatchPatternRestricted = string;

    /** Mostly unrestricted match patterns for privileged add-ons. */
    type MatchPatternUnestricted = string;

    type OptionalDataCollectionPermission = CommonDataCollectionPermission | "technicalAndInteraction";

    type OptionalOnlyPermission = "messages.send" | "trialML" | "userScripts";

    type OptionalPermission = OptionalPermissionNoPrompt | "clipboardRead" | "clipboardWrite" | "geolocation" | "notifications" | "accountsRead" | "addressBooks" | "sensitiveDataUpload" | "compose" | "compose.save" | "compose.send" | "messagesModify" | "accountsFolders" | "accountsIdentities" | "messagesDelete" | "messagesImport" | "messagesModifyPermanent" | "messagesMove" | "messagesRead" | "messages.save" | "messagesTags" | "messagesTagsList" | "messagesUpdate" | "messengerSettings" | "pkcs11" | "sessions" | "tabs" | "browserSettings" | "browsingData" | "declarativeNetRequestFeedback" | "downloads" | "downloads.open" | "management" | "privacy" | "proxy" | "nativeMessaging" | "webNavigation";

    type OptionalPermissionNoPrompt = "idle" | "menus.overrideContext" | "activeTab" | "cookies" | "publicSuffix" | "scripting" | "webRequest" | "webRequestAuthProvider" | "webRequestBlocking" | "webRequestFilterResponse" | "webRequestFilterResponse.serviceWorkerScript";

    type Permission = PermissionNoPrompt | OptionalPermission | "declarativeNetRequest";

    type PermissionNoPrompt = OptionalPermissionNoPrompt | PermissionPrivileged | "alarms" | "storage" | "unlimitedStorage" | "menus" | "theme" | "contextualIdentities" | "declarativeNetRequestWithHostAccess" | "dns" | "geckoProfiler" | "identity";

    type PermissionPrivileged = "mozillaAddons" | "activityLog" | "networkStatus" | "telemetry";
  }

  /** `menus`: The menus API allows to add items to Thunderbird's menus. */
  namespace menus {
    /** The different contexts a menu can appear in. */
    type ContextType = "all" | "all_message_attachments" | "audio" | "compose_action" | "compose_action_menu" | "compose_attachments" | "compose_body" | "editable" | "folder_pane" | "frame" | "header_pane_link" | "image" | "link" | "message_attachments" | "message_display_action" | "message_display_action_menu" | "message_list" | "page" | "password" | "selection" | "tab" | "tools_menu" | "video" | "action" | "action_menu";

    /** The type of menu item. */
    type ItemType = "normal" | "checkbox" | "radio" | "separator";

    /** A predefined command to open an action popup. */
    type MenuActionCommand = "_execute_action" | "_execute_compose_action" | "_execute_message_display_action";

    /** A dictionary object to specify paths for multiple icons in different sizes, so the best matching icon can be used, instead of scaling a standard icon to fit the pixel density of the user's display. */
    interface MenuIconDictionary {
      [key: string]: MenuIconPath;
    }

    /** The path for a menu icon may be a relative path to an icon file, a moz-extension: URL, an image data: URL, a blob: URL, or a remote http(s): URL. */
    type MenuIconPath = string;

    /** Information sent when a context menu item is clicked. */
    interface OnClickData {
      /** The ID of the menu item that was clicked. */
      menuItemId: number | string;
      /** The parent ID, if any, for the item clicked. */
      parentMenuItemId?: number | string;
      /** A flag indicating whether the element is editable (text input, textarea, etc.). */
      editable: boolean;
      /** One of image, video, or audio if the context menu was activated on one of these types of elements. */
      mediaType?: string;
      /** The type of view where the menu is clicked. */
      viewType?: messenger.extension.ViewType;
      /** If the element is a link, the text of that link. */
      linkText?: string;
      /** If the element is a link, the URL it points to. */
      linkUrl?: string;
      /** Will be present for elements with a src URL. */
      srcUrl?: string;
      /** The URL of the page where the menu item was clicked. */
      pageUrl?: string;
      /** The id of the frame of the element where the context menu was clicked. */
      frameId?: number;
      /** The URL of the frame of the element where the context menu was clicked, if it was in a frame. */
      frameUrl?: string;
      /** The text for the context selection, if any. */
      selectionText?: string;
      /** A flag indicating the state of a checkbox or radio item before it was clicked. */
      wasChecked?: boolean;
      /** A flag indicating the state of a checkbox or radio item after it is clicked. */
      checked?: boolean;
      /** An array of keyboard modifiers that were held while the menu item was clicked. */
      modifiers: Array<"Shift" | "Alt" | "Command" | "Ctrl" | "MacCtrl">;
      /** An integer value of button by which menu item was clicked. */
      button?: number;
      /** An identifier of the clicked content element, if any. */
      targetElementId?: number;
      /** An identifier of the clicked Thunderbird UI element, if any. */
      fieldId?: "composeSubject" | "composeTo" | "composeCc" | "composeBcc" | "composeReplyTo" | "composeNewsgroupTo";
      /** The selected message(s) in the message list (a.k.a. the thread pane). */
      selectedMessages?: messenger.messages.MessageList;
      /** The displayed folder. */
      displayedFolder?: messenger.folders.MailFolder;
      /** The selected folders in the folder pane. */
      selectedFolders?: messenger.folders.MailFolder[];
      /** The selected attachments. */
      attachments?: Array<messenger.compose.ComposeAttachment | messenger.messages.MessageAttachment>;
    }

    /** Information sent when a context menu is being shown. */
    interface OnShowData {
      /** A list of IDs of the menu items that were shown. */
      menuIds: Array<number | string>;
      /** A list of all contexts that apply to the menu. */
      contexts: ContextType[];
      /** A flag indicating whether the element is editable (text input, textarea, etc.). */
      editable: boolean;
      /** One of image, video, or audio if the context menu was activated on one of these types of elements. */
      mediaType?: string;
      /** The type of view where the menu is shown. */
      viewType?: messenger.extension.ViewType;
      /** If the element is a link, the text of that link. */
      linkText?: string;
      /** If the element is a link, the URL it points to. */
      linkUrl?: string;
      /** Will be present for elements with a src URL. */
      srcUrl?: string;
      /** The URL of the page where the menu item was clicked. */
      pageUrl?: string;
      /** The URL of the frame of the element where the context menu was clicked, if it was in a frame. */
      frameUrl?: string;
      /** The text for the context selection, if any. */
      selectionText?: string;
      /** An identifier of the clicked content element, if any. */
      targetElementId?: number;
      /** An identifier of the clicked Thunderbird UI element, if any. */
      fieldId?: "composeSubject" | "composeTo" | "composeCc" | "composeBcc" | "composeReplyTo" | "composeNewsgroupTo";
      /** The selected message(s) in the message list (a.k.a. the thread pane). */
      selectedMessages?: messenger.messages.MessageList;
      /** The displayed folder. */
      displayedFolder?: messenger.folders.MailFolder;
      /** The selected folders in the folder pane. */
      selectedFolders?: messenger.folders.MailFolder[];
      /** The selected attachments. */
      attachments?: Array<messenger.compose.ComposeAttachment | messenger.messages.MessageAttachment>;
    }

    /** The `messenger.menus` API object. */
    interface Static {
      /** Creates a new context menu item. */
      create(createProperties: {
        /** The type of menu item. */
        type?: ItemType;
        /** The unique ID to assign to this item. */
        id?: string;
        /** Custom icons to display next to the menu item. */
        icons?: MenuIconPath | MenuIconDictionary;
        /** The text to be displayed in the item; this is required unless type is separator. */
        title?: string;
        /** The initial state of a checkbox or radio item: true for selected and false for unselected. */
        checked?: boolean;
        /** List of contexts this menu item will appear in. */
        contexts?: ContextType[];
        /** List of view types where the menu item will be shown. */
        viewTypes?: messenger.extension.ViewType[];
        /** Whether the item is visible in the menu. */
        visible?: boolean;
        /** A function that will be called back when the menu item is clicked. */
        onclick?: (info: OnClickData, tab: messenger.tabs.Tab) => void;
        /** The ID of a parent menu item; this makes the item a child of a previously added item. */
        parentId?: number | string;
        /** Lets you restrict the item to apply only to documents whose URL matches one of the given patterns. */
        documentUrlPatterns?: string[];
        /** Similar to documentUrlPatterns, but lets you filter based on the src attribute of img/audio/video tags and the href of anchor tags. */
        targetUrlPatterns?: string[];
        /** Whether this context menu item is enabled or disabled. */
        enabled?: boolean;
        /** Specifies a command to issue for the context click. */
        command?: string | MenuActionCommand;
      }, callback?: () => void): number | string;
      /** Updates a previously created context menu item. */
      update(id: number | string, updateProperties: {
        type?: ItemType;
        icons?: MenuIconPath | MenuIconDictionary;
        title?: string;
        checked?: boolean;
        contexts?: ContextType[];
        viewTypes?: messenger.extension.ViewType[];
        /** Whether the item is visible in the menu. */
        visible?: boolean;
        onclick?: (info: OnClickData, tab: messenger.tabs.Tab) => void;
        /** The hierarchical parent of the element. */
        parentId?: number | string;
        documentUrlPatterns?: string[];
        targetUrlPatterns?: string[];
        enabled?: boolean;
      }): Promise<void>;
      /** Removes a context menu item. */
      remove(menuItemId: number | string): Promise<void>;
      /** Removes all context menu items added by this extension. */
      removeAll(): Promise<void>;
      /** Show the matching menu items from this extension instead of the default menu. */
      overrideContext(contextOptions: {
        /** Whether to also include default menu items in the menu. */
        showDefaults?: boolean;
        /** ContextType to override, to allow menu items from other extensions in the menu. */
        context?: "tab";
        /** Required when context is tab. */
        tabId?: number;
      }): void;
      /** Updates the extension items in the shown menu, including changes that have been made since the menu was shown. */
      refresh(): Promise<void>;
      /** Retrieve the element that was associated with a recent contextmenu event. */
      getTargetElement(targetElementId: number): Element | undefined;
      /** Fired when a context menu item is clicked. */
      onClicked: messenger.WebExtEvent<(info: OnClickData, tab?: messenger.tabs.Tab) => void>;
      /** Fired when a menu is shown. */
      onShown: messenger.WebExtEvent<(info: OnShowData, tab: messenger.tabs.Tab) => void>;
      /** Fired when a menu is hidden. */
      onHidden: messenger.WebExtEvent<() => void>;
      /** The maximum number of top level extension items that can be added to an extension action context menu. */
      readonly ACTION_MENU_TOP_LEVEL_LIMIT: 6;
    }
  }

  /** `messageDisplay`: A message can be displayed in either Thunderbird's main mail tab (a.k.a 3-pane tab), a tab of its own, or in a window of its own. */
  namespace messageDisplay {
    /** The `messenger.messageDisplay` API object. */
    interface Static {
      /** Gets an array of the currently displayed messages in the specified tab (even if the tab itself is currently not visible), or the currently active tab. */
      getDisplayedMessages(tabId?: number): Promise<messenger.messages.MessageList>;
      /** Opens a message in a new tab or in a new window. */
      open(openProperties: {
        /** The DOM file object of a message to be opened. */
        file?: File;
        /** The id of a message to be opened. */
        messageId?: messenger.messages.MessageId;
        /** The headerMessageId of a message to be opened. */
        headerMessageId?: string;
        /** Where to open the message. */
        location?: "tab" | "window";
        /** Whether the new tab should become the active tab in the window. */
        active?: boolean;
        /** The id of the window, where the new tab should be created. */
        windowId?: number;
      }): Promise<messenger.tabs.Tab>;
      /** Fired when either a single message is displayed or when multiple messages are displayed, whether in a 3-pane tab, a message tab, or a message window. */
      onMessagesDisplayed: messenger.WebExtEvent<(tab: messenger.tabs.Tab, displayedMessages: messenger.messages.MessageList) => void>;
    }
  }

  /** `messageDisplayAction`: Use a messageDisplayAction to put a button in the message display toolbar. */
  namespace messageDisplayAction {
    /** An array of four integers in the range [0,255] that make up the RGBA color. */
    type ColorArray = number[];

    /** A dictionary object to specify multiple ImageData objects in different sizes, so the icon does not have to be scaled for a device with a different pixel density. */
    interface ImageDataDictionary {
      [key: string]: ImageDataType;
    }

    /** Pixel data for an image. */
    type ImageDataType = ImageData;

    /** Information sent when a messageDisplayAction button is clicked. */
    interface OnClickData {
      /** An array of keyboard modifiers that were held while the menu item was clicked. */
      modifiers: Array<"Shift" | "Alt" | "Command" | "Ctrl" | "MacCtrl">;
      /** An integer value of button by which menu item was clicked. */
      button?: number;
    }

    /** The `messenger.messageDisplayAction` API object. */
    interface Static {
      /** Sets the title of the messageDisplayAction button. */
      setTitle(details: {
        /** A string the messageDisplayAction button should display as its label and when moused over. */
        title: string | null;
        /** Sets the title only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the title of the messageDisplayAction button. */
      getTitle(details: {
        /** Specifies for which tab the title should be retrieved. */
        tabId?: number;
      }): Promise<string>;
      /** Sets the label of the messageDisplayAction button. */
      setLabel(details: {
        /** A string the messageDisplayAction button should use as its label, overriding the defined title. */
        label: string | null;
        /** Sets the label only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the label of the messageDisplayAction button. */
      getLabel(details: {
        /** Specifies for which tab the label should be retrieved. */
        tabId?: number;
      }): Promise<string | null>;
      /** Sets the icon for the messageDisplayAction button. */
      setIcon(details: {
        /** The image data for one or more icons for the composeAction button. */
        imageData?: ImageDataType | ImageDataDictionary;
        /** The paths to one or more icons for the messageDisplayAction button. */
        path?: messenger.manifest.IconPath;
        /** Sets the icon only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Sets the html document to be opened as a popup when the user clicks on the messageDisplayAction button. */
      setPopup(details: {
        /** The html file to show in a popup. */
        popup: string | null;
        /** Sets the popup only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the html document set as the popup for this messageDisplayAction button. */
      getPopup(details: {
        /** Specifies for which tab the popup document should be retrieved. */
        tabId?: number;
      }): Promise<string>;
      /** Sets the badge text for the messageDisplayAction button. */
      setBadgeText(details: {
        /** Any number of characters can be passed, but only about four can fit in the space. */
        text: string | null;
        /** Sets the badge text only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the badge text of the messageDisplayAction button. */
      getBadgeText(details: {
        /** Specifies for which tab the badge text should be retrieved. */
        tabId?: number;
      }): Promise<string>;
      /** Sets the text color for the badge. */
      setBadgeTextColor(details: {
        /** The color to use as text color in the badge. */
        color: string | ColorArray | null;
        /** Sets the text color for the badge only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the text color of the badge. */
      getBadgeTextColor(details: {
        /** Specifies for which tab the badge text color should be retrieved. */
        tabId?: number;
      }): Promise<ColorArray>;
      /** Sets the background color for the badge. */
      setBadgeBackgroundColor(details: {
        /** The color to use as background in the badge. */
        color: string | ColorArray | null;
        /** Sets the background color for the badge only for the given tab. */
        tabId?: number;
      }): Promise<void>;
      /** Gets the badge background color of the messageDisplayAction button. */
      getBadgeBackgroundColor(details: {
        /** Specifies for which tab the badge background color should be retrieved. */
        tabId?: number;
      }): Promise<ColorArray>;
      /** Enables the messageDisplayAction button for a specific tab (if a tabId is provided), or for all tabs which do not have a custom enable state. */
      enable(tabId?: number): Promise<void>;
      /** Disables the messageDisplayAction button for a specific tab (if a tabId is provided), or for all tabs which do not have a custom enable state. */
      disable(tabId?: number): Promise<void>;
      /** Checks whether the messageDisplayAction button is enabled. */
      isEnabled(details: {
        /** Specifies for which tab the state should be retrieved. */
        tabId?: number;
      }): Promise<boolean>;
      /** Opens the action's popup window in the specified window. */
      openPopup(options?: {
        /** Defaults to the current window. */
        windowId?: number;
      }): Promise<boolean>;
      /** Fired when a messageDisplayAction button is clicked. */
      onClicked: messenger.WebExtEvent<(tab: messenger.tabs.Tab, info?: OnClickData) => void>;
    }
  }

  /** `messages`: The messages API allows to access and manage the user's messages. */
  namespace messages {
    /** The type of an attachment in a message. */
    type AttachmentType = "normal" | "detached" | "deleted" | "linked" | "cloudFile";

    /** A dictionary object of headers as key-value pairs, with the header name as key, and an array of headers as value. */
    interface HeadersDictionary {
      [key: string]: string[];
    }

    /** An inline part with content type text/*. */
    interface InlineTextPart {
      /** The content type of the part. */
      contentType: string;
      /** The content of this inline text part. */
      content: string;
    }

    /** Content may either be a single email address, or a mailbox string (see RFC 5322, section 3.4). */
    type MailBoxHeaderString = string;

    /** Represents an attachment in a message. */
    interface MessageAttachment {
      /** The content disposition of the attachment, for example attachment for normal attachments, or inline for inline attachments. */
      contentDisposition: string;
      /** The content type of the attachment. */
      contentType: string;
      /** The type of this attachment. */
      type: AttachmentType;
      /** A dictionary object of RFC 2047 decoded attachment headers as key-value pairs, with the header name as key, and an array of headers as value. */
      headers: HeadersDictionary;
      /** The name, as displayed to the user, of this attachment. */
      name: string;
      /** Identifies the MIME part of the message associated with this attachment. */
      partName: string;
      /** The size in bytes of this attachment. */
      size: number;
      /** The remote location the attachment's content is linked to. */
      linkUrl?: string;
      /** The remote location a cloudFile attachment's content is stored at. */
      cloudFileUrl?: string;
      /** The content-id of this part. */
      contentId?: string;
      /** A MessageHeader, if this attachment is a message. */
      message?: MessageHeader;
    }

    /** Basic information about a message. */
    interface MessageHeader {
      author: MailBoxHeaderString;
      /** The Bcc recipients. */
      bccList: MailBoxHeaderString[];
      /** The Cc recipients. */
      ccList: MailBoxHeaderString[];
      /** The date and time when the message was sent, according to the Date header in the message. */
      date: messenger.extensionTypes.Date;
      /** Whether this message is a real message or an external message (opened from a file or from an attachment). */
      external: boolean;
      /** Whether this message is flagged (a.k.a. starred). */
      flagged: boolean;
      /** The accountsRead permission is required for this property to be included. */
      folder?: messenger.folders.MailFolder;
      /** The message-id header of the message. */
      headerMessageId: string;
      /** Some account types (for example pop3) allow to download only the headers of the message, but not its body. */
      headersOnly: boolean;
      id: MessageId;
      /** Whether the message has been marked as junk. */
      junk: boolean;
      /** The junk score associated with the message. */
      junkScore: number;
      /** The priority of the message. */
      priority: "none" | "lowest" | "low" | "normal" | "high" | "highest";
      /** Whether the message has been marked as read. */
      read?: boolean;
      /** Whether the message has been received recently and is marked as new. */
      new: boolean;
      /** The To recipients. */
      recipients: MailBoxHeaderString[];
      /** The total size of the message in bytes. */
      size: number;
      /** The subject of the message. */
      subject: string;
      /** Tags associated with this message. */
      tags: string[];
    }

    /** A unique id representing a messages.MessageHeader and the associated message. */
    type MessageId = number;

    /** See guides/messageLists for more information. */
    interface MessageList {
      /** Id of the message list, to be used with messages.continueList or messages.abortList. */
      id: string | null;
      messages: MessageHeader[];
    }

    /** Represents an email message "part", which could be the whole message. */
    interface MessagePart {
      /** The quoted-printable or base64 decoded content of the part. */
      body?: string;
      contentType?: string;
      /** The decryption status, only available for the root part. */
      decryptionStatus?: "none" | "skipped" | "success" | "fail";
      /** A dictionary object of RFC 2047 decoded part headers as key-value pairs, with the header name as key, and an array of headers as value. */
      headers?: HeadersDictionary;
      /** Name of the part, if it is a file. */
      name?: string;
      /** The identifier of this part, used in messages.getAttachmentFile. */
      partName?: string;
      /** Any sub-parts of this part. */
      parts?: MessagePart[];
      /** The raw content of the part. */
      rawBody?: string;
      /** A dictionary object of raw part headers as key-value pairs, with the header name as key, and an array of headers as value. */
      rawHeaders?: HeadersDictionary;
      /** The size of this part. */
      size?: number;
    }

    /** Message properties used in messages.update and messages.import. */
    interface MessageProperties {
      /** Whether the message is flagged (a.k.a starred). */
      flagged?: boolean;
      /** Whether the message is marked as junk. */
      junk?: boolean;
      /** Whether the message is marked as new. */
      new?: boolean;
      /** Whether the message is marked as read. */
      read?: boolean;
      /** Tags associated with this message. */
      tags?: string[];
    }

    /** Details of a message to be sent. */
    interface NewMessageDetails {
      /** The ID of an identity from the accounts API. */
      identityId?: string;
      /** *Caution*: Setting a value for ``from`` does not change the used identity, it overrides the FROM header. */
      from?: messenger.compose.ComposeRecipient;
      to?: messenger.compose.ComposeRecipientList;
      cc?: messenger.compose.ComposeRecipientList;
      bcc?: messenger.compose.ComposeRecipientList;
      /** This value overrides the default fcc setting (defined by the used identity) for this message. */
      overrideDefaultFccFolder?: messenger.folders.MailFolder | "";
      /** An additional fcc folder. */
      additionalFccFolder?: messenger.folders.MailFolder | "";
      replyTo?: messenger.compose.ComposeRecipientList;
      followupTo?: messenger.compose.ComposeRecipientList;
      /** A single newsgroup name or an array of newsgroup names. */
      newsgroups?: string | string[];
      subject: string;
      /** The HTML content for the message. */
      body?: string;
      /** The content for a plain text message. */
      plainTextBody?: string;
      /** Whether the message should be sent as plain text or as HTML. */
      isPlainText?: boolean;
      /** Defines the mime format of the sent message. */
      deliveryFormat?: "auto" | "plaintext" | "html" | "both";
      /** The languages of the message content, used for the Content-Language header. */
      contentLanguage?: string[];
      /** Array of custom headers. */
      customHeaders?: messenger.compose.CustomHeader[];
      /** The priority of the message. */
      priority?: "lowest" | "low" | "normal" | "high" | "highest";
      /** Add the Disposition-Notification-To header to the message to requests the recipients email client to send a reply once the message has been received. */
      returnReceipt?: boolean;
      /** Let the sender know when the recipient's server received the message. */
      deliveryStatusNotification?: boolean;
      /** Wether or not the vCard of the used identity will be attached to the message during send. */
      attachVCard?: boolean;
      /** Attachments to add to the message. **Note:** compose.ComposeAttachments are included as real file attachments, not as cloudFile links. */
      attachments?: Array<messenger.compose.FileAttachment | messenger.compose.ComposeAttachment>;
      [key: string]: unknown;
    }

    /** An object defining a range. */
    interface QueryRange {
      /** The minimum value required to match the query. */
      min?: number;
      /** The maximum value required to match the query. */
      max?: number;
    }

    /** The `messenger.messages` API object. */
    interface Static {
      /** Gets all messages in a folder. */
      list(folderId: messenger.folders.MailFolderId, options?: {
        /** Specifies how the returned messages should be sorted. */
        sortType?: "author" | "date" | "flagged" | "junk" | "junkScore" | "priority" | "read" | "recipients" | "size" | "subject" | "tags";
        /** The sort order for the returned messages. */
        sortOrder?: "ascending" | "descending";
      }): Promise<MessageList>;
      /** Returns the next chunk of messages in a list. */
      continueList(messageListId: string): Promise<MessageList>;
      /** Finalizes the specified list and terminates any process currently still adding messages. */
      abortList(messageListId: string): Promise<void>;
      /** Returns the specified message. */
      get(messageId: MessageId): Promise<MessageHeader>;
      /** Returns the specified message, including all headers and MIME parts. */
      getFull(messageId: MessageId, options?: {
        /** Whether the message should be decrypted. */
        decrypt?: boolean;
        /** Whether to decode RFC 2047 encoded headers of message parts. */
        decodeHeaders?: boolean;
        /** Whether to decode quoted-printable or base64 encoded content of message parts. */
        decodeContent?: boolean;
      }): Promise<MessagePart>;
      /** Returns all message headers of the specified message, without MIME structure parsing. */
      getHeaders(messageId: MessageId, options?: {
        /** Whether to decode RFC 2047 encoded headers. */
        decodeHeaders?: boolean;
      }): Promise<HeadersDictionary>;
      /** Returns the raw content of a message. */
      getRaw(message: MessageId | MessagePart, options?: {
        /** Whether the message should be decrypted. */
        decrypt?: boolean;
        data_format?: "File" | "BinaryString";
      }): Promise<string | File>;
      /** Lists the attachments of a message. */
      listAttachments(messageId: MessageId): Promise<MessageAttachment[]>;
      /** Lists all inline text parts of a message. */
      listInlineTextParts(messageId: MessageId): Promise<InlineTextPart[]>;
      /** Gets the content of a messages.MessageAttachment as a File object. */
      getAttachmentFile(messageId: MessageId, partName: string): Promise<File>;
      /** Deletes the specified attachments and replaces them by placeholder text attachments with meta information about the original attachments and a text/x-moz-deleted content type. */
      deleteAttachments(messageId: number, partNames: string[]): Promise<void>;
      /** Opens the specified attachment. */
      openAttachment(messageId: MessageId, partName: string, tabId: number): Promise<void>;
      /** Gets all messages that have the specified properties, or all messages if no properties are specified. */
      query(queryInfo?: {
        /** Limits the search to the specified account(s). */
        accountId?: messenger.accounts.MailAccountId | messenger.accounts.MailAccountId[];
        /** Whether the message has attachments, or not. */
        attachment?: boolean | QueryRange;
        /** Returns only messages with this value matching the author. */
        author?: string;
        /** Returns only messages with this value in the body of the mail. */
        body?: string;
        /** Returns only flagged (or unflagged if false) messages. */
        flagged?: boolean;
        /** Limits the search to the specified folder(s). */
        folderId?: messenger.folders.MailFolderId | messenger.folders.MailFolderId[];
        /** Returns only messages with a date after this value. */
        fromDate?: messenger.extensionTypes.Date;
        /** Returns only messages with the author's address matching any configured identity. */
        fromMe?: boolean;
        /** Returns only messages with this value somewhere in the mail (subject, body or author). */
        fullText?: string;
        /** Returns only messages with a Message-ID header matching this value. */
        headerMessageId?: string;
        /** Search the specified folder recursively. */
        includeSubFolders?: boolean;
        /** Query the server directly instead of the local message database. */
        online?: boolean;
        /** Returns only messages whose recipients match all specified addresses. */
        recipients?: string;
        /** Returns only messages with a size in the specified byte range. */
        size?: QueryRange;
        /** Returns only messages whose subject contains the provided string. */
        subject?: string;
        /** Returns only messages with the specified tags. */
        tags?: messenger.messages.tags.TagsDetail;
        /** Returns only messages with a date before this value. */
        toDate?: messenger.extensionTypes.Date;
        /** Returns only messages with at least one recipient address matching any configured identity. */
        toMe?: boolean;
        /** Returns only messages whith the specified junk state. */
        junk?: boolean;
        /** Returns only messages with a junk score in the specified range. */
        junkScore?: QueryRange;
        /** Returns only messages with the specified new state. */
        new?: boolean;
        /** Returns only messages with the specified read state. */
        read?: boolean;
        /** Set the timeout in ms after which results should be returned, even if the nominal number of messages-per-page has not yet been reached. */
        autoPaginationTimeout?: number;
        /** Set the nominal number of messages-per-page for this query. */
        messagesPerPage?: number;
        /** The messageListId is usually returned together with the first page, after some messages have been found. */
        returnMessageListId?: boolean;
      }): Promise<MessageList | string>;
      /** Updates message properties and tags. */
      update(messageId: MessageId, newProperties: MessageProperties): Promise<void>;
      /** Moves messages to a specified folder. */
      move(messageIds: MessageId[], folderId: messenger.folders.MailFolderId, options?: {
        /** Whether this move operation should be treated as a user action, for example allowing undo. */
        isUserAction?: boolean;
      }): Promise<void>;
      /** Copies messages to a specified folder. */
      copy(messageIds: MessageId[], folderId: messenger.folders.MailFolderId, options?: {
        /** Whether this copy operation should be treated as a user action, for example allowing undo. */
        isUserAction?: boolean;
      }): Promise<void>;
      /** Deletes messages permanently, or moves them to the trash folder (honoring the account's deletion behavior settings). */
      delete(messageIds: MessageId[], options?: boolean | {
        /** Whether the message will be deleted permanently, regardless of the account's deletion behavior settings. */
        deletePermanently?: boolean;
        /** Whether this copy operation should be treated as a user action, for example allowing undo. */
        isUserAction?: boolean;
      }): Promise<void>;
      /** Imports a message into a folder. */
      import(file: File, folderId: messenger.folders.MailFolderId, properties?: MessageProperties): Promise<MessageHeader>;
      /** Sends a message programmatically in the background without user interaction. */
      sendMessage(details: NewMessageDetails, options?: {
        mode: "default" | "sendNow" | "sendLater";
      }): Promise<{
        /** The used send mode. */
        mode: "sendNow" | "sendLater";
        /** The header messageId of the outgoing message. */
        headerMessageId?: string;
        /** Copies of the sent message. */
        messages: MessageHeader[];
      }>;
      /** Saves a message programmatically as a draft or as a template in the background without user interaction. */
      saveMessage(details: NewMessageDetails, options?: {
        mode: "draft" | "template";
      }): Promise<{
        /** The used save mode. */
        mode: "draft" | "template";
        /** The saved message(s). */
        messages: MessageHeader[];
      }>;
      /** Archives messages using the current settings. */
      archive(messageIds: MessageId[]): Promise<void>;
      /** Fired when one or more properties of a message have been updated. */
      onUpdated: messenger.WebExtEvent<(message: MessageHeader, changedProperties: MessageProperties, oldProperties: MessageProperties) => void>;
      /** Fired when messages have been moved. */
      onMoved: messenger.WebExtEvent<(originalMessages: MessageList, movedMessages: MessageList) => void>;
      /** Fired when messages have been copied. */
      onCopied: messenger.WebExtEvent<(originalMessages: MessageList, copiedMessages: MessageList) => void>;
      /** Fired when messages have been permanently deleted. */
      onDeleted: messenger.WebExtEvent<(messages: MessageList) => void>;
      /** Fired when a new message is received, and has been handled by message filters and junk classification. */
      onNewMailReceived: messenger.WebExtEvent<
        (folder: messenger.folders.MailFolder, messages: MessageList) => void,
        [monitorAllFolders?: boolean]
      >;
      /** The messages.tags API allows to manage the user's message tags. */
      readonly tags: messenger.messages.tags.Static;
    }

    /** `messages.tags`: The messages.tags API allows to manage the user's message tags. */
    namespace tags {
      interface MessageTag {
        /** Unique tag identifier. */
        key: string;
        /** Human-readable tag name. */
        tag: string;
        /** Tag color in upper case hex format (i.e.: #000080 for navy blue). */
        color: string;
        /** A custom sort string. */
        ordinal: string;
      }

      interface MessageTagProperties {
        /** Human-readable tag name. */
        tag?: string;
        /** Tag color in upper case hex format (i.e.: #000080 for navy blue). */
        color?: string;
        /** A custom sort string. */
        ordinal?: string;
      }

      /** Used for filtering messages by tag in various methods. */
      interface TagsDetail {
        /** A dictionary object with one or more filter condition as key-value pairs, the key being the tag to filter on, and the value being a boolean expression, requesting whether a message must include (true) or exclude (false) the tag. */
        tags: {
          [key: string]: boolean;
        };
        /** Whether all of the tag filters must apply, any of them, or none. */
        mode: "all" | "any" | "none";
      }

      /** The `messenger.messages.tags` API object. */
      interface Static {
        /** Returns a list of tags that can be set on messages, and their human-friendly name, colour, and sort order. */
        list(): Promise<MessageTag[]>;
        /** Returns a message tag identified by its key. */
        get(key: string): Promise<MessageTag>;
        /** Creates a new message tag and returns the associated key. */
        create(key: string | undefined, tag: string, color: string): Promise<string>;
        /** Creates a new message tag and returns the associated key. */
        create(tag: string, color: string): Promise<string>;
        /** Updates a message tag. */
        update(key: string, updateProperties: MessageTagProperties): Promise<void>;
        /** Deletes a message tag, removing it from the list of known tags. */
        delete(key: string): Promise<void>;
        /** Fired when a new message tag has been created. */
        onCreated: messenger.WebExtEvent<(tag: MessageTag) => void>;
        /** Fired when one or more properties of a message tag have been updated. */
        onUpdated: messenger.WebExtEvent<(key: string, changedProperties: MessageTagProperties, oldProperties: MessageTagProperties) => void>;
        /** Fired when a message tag has been deleted. */
        onDeleted: messenger.WebExtEvent<(key: string) => void>;
      }
    }
  }

  /** `notifications` */
  namespace notifications {
    interface CreateNotificationOptions {
      /** Which type of notification to display. */
      type: TemplateType;
      /** A URL to the sender's avatar, app icon, or a thumbnail for image notifications. */
      iconUrl?: string;
      /** A URL to the app icon mask. */
      appIconMaskUrl?: string;
      /** Title of the notification (e.g. sender name for email). */
      title: string;
      /** Main notification content. */
      message: string;
      /** Alternate notification content with a lower-weight font. */
      contextMessage?: string;
      /** Priority ranges from -2 to 2. -2 is lowest priority. 2 is highest. */
      priority?: number;
      /** A timestamp associated with the notification, in milliseconds past the epoch. */
      eventTime?: number;
      /** A URL to the image thumbnail for image-type notifications. */
      imageUrl?: string;
      /** Items for multi-item notifications. */
      items?: NotificationItem[];
      /** Current progress ranges from 0 to 100. */
      progress?: number;
      /** Whether to show UI indicating that the app will visibly respond to clicks on the body of a notification. */
      isClickable?: boolean;
    }

    interface NotificationItem {
      /** Title of one item of a list notification. */
      title: string;
      /** Additional details about this item. */
      message: string;
    }

    type PermissionLevel = "granted" | "denied";

    type TemplateType = "basic" | "image" | "list" | "progress";

    interface UpdateNotificationOptions {
      /** Which type of notification to display. */
      type?: TemplateType;
      /** A URL to the sender's avatar, app icon, or a thumbnail for image notifications. */
      iconUrl?: string;
      /** A URL to the app icon mask. */
      appIconMaskUrl?: string;
      /** Title of the notification (e.g. sender name for email). */
      title?: string;
      /** Main notification content. */
      message?: string;
      /** Alternate notification content with a lower-weight font. */
      contextMessage?: string;
      /** Priority ranges from -2 to 2. -2 is lowest priority. 2 is highest. */
      priority?: number;
      /** A timestamp associated with the notification, in milliseconds past the epoch. */
      eventTime?: number;
      /** A URL to the image thumbnail for image-type notifications. */
      imageUrl?: string;
      /** Items for multi-item notifications. */
      items?: NotificationItem[];
      /** Current progress ranges from 0 to 100. */
      progress?: number;
      /** Whether to show UI indicating that the app will visibly respond to clicks on the body of a notification. */
      isClickable?: boolean;
    }

    /** The `messenger.notifications` API object. */
    interface Static {
      /** Creates and displays a notification. */
      create(notificationId: string | undefined, options: CreateNotificationOptions): Promise<string>;
      /** Creates and displays a notification. */
      create(options: CreateNotificationOptions): Promise<string>;
      /** Clears an existing notification. */
      clear(notificationId: string): Promise<boolean>;
      /** Retrieves all the notifications. */
      getAll(): Promise<{
        [key: string]: CreateNotificationOptions;
      }>;
      /** Fired when the notification closed, either by the system or by user action. */
      onClosed: messenger.WebExtEvent<(notificationId: string, byUser: boolean) => void>;
      /** Fired when the user clicked in a non-button area of the notification. */
      onClicked: messenger.WebExtEvent<(notificationId: string) => void>;
      /** Fired when the user pressed a button in the notification. */
      onButtonClicked: messenger.WebExtEvent<(notificationId: string, buttonIndex: number) => void>;
      /** Fired when the notification is shown. */
      onShown: messenger.WebExtEvent<(notificationId: string) => void>;
    }
  }

  /** `permissions` */
  namespace permissions {
    interface AnyPermissions {
      permissions?: Array<messenger.manifest.Permission | messenger.manifest.OptionalOnlyPermission>;
      origins?: messenger.manifest.MatchPattern[];
      data_collection?: messenger.manifest.OptionalDataCollectionPermission[];
    }

    interface Permissions {
      permissions?: Array<messenger.manifest.OptionalPermission | messenger.manifest.OptionalOnlyPermission>;
      origins?: messenger.manifest.MatchPattern[];
      data_collection?: messenger.manifest.OptionalDataCollectionPermission[];
    }

    /** The `messenger.permissions` API object. */
    interface Static {
      /** Get a list of all the extension's permissions. */
      getAll(): Promise<AnyPermissions>;
      /** Check if the extension has the given permissions. */
      contains(permissions: AnyPermissions): Promise<boolean>;
      /** Request the given permissions. */
      request(permissions: Permissions): Promise<boolean>;
      /** Relinquish the given permissions. */
      remove(permissions: Permissions): Promise<void>;
      /** Fired when the extension acquires new permissions. */
      onAdded: messenger.WebExtEvent<(permissions: Permissions) => void>;
      /** Fired when permissions are removed from the extension. */
      onRemoved: messenger.WebExtEvent<(permissions: Permissions) => void>;
    }
  }

  /** `runtime`: Use the browser.runtime API to retrieve the background page, return details about the manifest, and listen for and respond to events in the app or extension lifecycle. */
  namespace runtime {
    /** An object containing information about the current browser. */
    interface BrowserInfo {
      /** The name of the browser, for example 'Firefox'. */
      name: string;
      /** The name of the browser vendor, for example 'Mozilla'. */
      vendor: string;
      /** The browser's version, for example '42.0.0' or '0.8.1pre'. */
      version: string;
      /** The browser's build ID/date, for example '20160101'. */
      buildID: string;
    }

    /** A filter to match against existing extension context. */
    interface ContextFilter {
      contextIds?: string[];
      contextTypes?: ContextType[];
      documentIds?: string[];
      documentOrigins?: string[];
      documentUrls?: string[];
      frameIds?: number[];
      tabIds?: number[];
      windowIds?: number[];
      incognito?: boolean;
    }

    /** The type of extension view. */
    type ContextType = "BACKGROUND" | "POPUP" | "SIDE_PANEL" | "TAB";

    /** A context hosting extension content */
    interface ExtensionContext {
      /** An unique identifier associated to this context */
      contextId: string;
      /** The type of the context */
      contextType: ContextType;
      /** An UUID for the document associated with this context, or undefined if it is not hosted in a document */
      documentId?: string;
      /** The origin of the document associated with this context, or undefined if it is not hosted in a document */
      documentOrigin?: string;
      /** The URL of the document associated with this context, or undefined if it is not hosted in a document */
      documentUrl?: string;
      /** Whether the context is associated with an private browsing context. */
      incognito: boolean;
      /** The frame ID for this context, or -1 if it is not hosted in a frame. */
      frameId: number;
      /** The tab ID for this context, or -1 if it is not hosted in a tab. */
      tabId: number;
      /** The window ID for this context, or -1 if it is not hosted in a window. */
      windowId: number;
    }

    /** An object containing information about the script context that sent a message or request. */
    interface MessageSender {
      /** The tabs.Tab which opened the connection, if any. */
      tab?: messenger.tabs.Tab;
      /** The $(topic:frame_ids)[frame] that opened the connection. 0 for top-level frames, positive for child frames. */
      frameId?: number;
      /** A UUID of the document that opened the connection. */
      documentId?: string;
      /** The ID of the extension or app that opened the connection, if any. */
      id?: string;
      /** The URL of the page or frame that opened the connection. */
      url?: string;
      /** The worldId of the USER_SCRIPT world that sent the message. */
      userScriptWorldId?: string;
    }

    /** The reason that this event is being dispatched. */
    type OnInstalledReason = "install" | "update" | "browser_update";

    /** The performance warning event category, e.g. 'content_script'. */
    type OnPerformanceWarningCategory = "content_script";

    /** The performance warning event severity. */
    type OnPerformanceWarningSeverity = "low" | "medium" | "high";

    /** The reason that the event is being dispatched. 'app_update' is used when the restart is needed because the application is updated to a newer version. 'os_update' is used when the restart is needed because the browser/OS is updated to a newer version. 'periodic' is used when the system runs for more than the permitted uptime set in the enterprise policy. */
    type OnRestartRequiredReason = "app_update" | "os_update" | "periodic";

    /** The machine's processor architecture. */
    type PlatformArch = "aarch64" | "arm" | "ppc64" | "riscv64" | "s390x" | "sparc64" | "x86-32" | "x86-64" | "noarch";

    /** An object containing information about the current platform. */
    interface PlatformInfo {
      /** The operating system the browser is running on. */
      os: PlatformOs;
      /** The machine's processor architecture. */
      arch: PlatformArch;
    }

    /** The operating system the browser is running on. */
    type PlatformOs = "mac" | "win" | "android" | "cros" | "linux" | "openbsd";

    /** An object which allows two way communication with other pages. */
    interface Port {
      name: string;
      disconnect: (...args: any[]) => unknown;
      onDisconnect: messenger.events.Event;
      onMessage: messenger.events.Event;
      postMessage: (...args: any[]) => unknown;
      /** This property will only be present on ports passed to onConnect/onConnectExternal listeners. */
      sender?: MessageSender;
      [key: string]: unknown;
    }

    /** Result of the update check. */
    type RequestUpdateCheckStatus = "throttled" | "no_update" | "update_available";

    /** The `messenger.runtime` API object. */
    interface Static {
      /** Retrieves the JavaScript 'window' object for the background page running inside the current extension/app. */
      getBackgroundPage(): Promise<globalThis.Window | undefined>;
      /** Fetches information about active contexts associated with this extension */
      getContexts(filter: ContextFilter): Promise<ExtensionContext[]>;
      /** Open your Extension's options page, if possible.The precise behavior may depend on your manifest's $(topic:optionsV2)[options_ui] or $(topic:options)[options_page] key, or what the browser happens to support at the time.If your Extension does not declare an options page, or the browser failed to create one for some other reason, the callback will set lastError. */
      openOptionsPage(): Promise<void>;
      /** Returns details about the app or extension from the manifest. */
      getManifest(): {
        [key: string]: unknown;
      };
      /** Converts a relative path within an app/extension install directory to a fully-qualified URL. */
      getURL(path: string): string;
      /** Get the documentId of any window global or frame element. */
      getDocumentId(target: unknown): string;
      /** Get the frameId of any window global or frame element. */
      getFrameId(target: unknown): number;
      /** Sets the URL to be visited upon uninstallation. */
      setUninstallURL(url?: string): Promise<void>;
      /** Reloads the app or extension. */
      reload(): void;
      /** Attempts to connect to connect listeners within an extension/app (such as the background page), or other extensions/apps. */
      connect(extensionId?: string, connectInfo?: {
        /** Will be passed into onConnect for processes that are listening for the connection event. */
        name?: string;
        /** Whether the TLS channel ID will be passed into onConnectExternal for processes that are listening for the connection event. */
        includeTlsChannelId?: boolean;
      }): Port;
      /** Attempts to connect to connect listeners within an extension/app (such as the background page), or other extensions/apps. */
      connect(connectInfo?: {
        /** Will be passed into onConnect for processes that are listening for the connection event. */
        name?: string;
        /** Whether the TLS channel ID will be passed into onConnectExternal for processes that are listening for the connection event. */
        includeTlsChannelId?: boolean;
      }): Port;
      /** Connects to a native application in the host machine. */
      connectNative(application: string): Port;
      /** Sends a single message to event listeners within your extension/app or a different extension/app. */
      sendMessage(extensionId: string | undefined, message: unknown, options?: object): Promise<unknown>;
      /** Sends a single message to event listeners within your extension/app or a different extension/app. */
      sendMessage(message: unknown, options?: object): Promise<unknown>;
      /** Send a single message to a native application. */
      sendNativeMessage(application: string, message: unknown): Promise<unknown>;
      /** Returns information about the current browser. */
      getBrowserInfo(): Promise<BrowserInfo>;
      /** Returns information about the current platform. */
      getPlatformInfo(): Promise<PlatformInfo>;
      /** Fired when a profile that has this extension installed first starts up. */
      onStartup: messenger.WebExtEvent<() => void>;
      /** Fired when the extension is first installed, when the extension is updated to a new version, and when the browser is updated to a new version. */
      onInstalled: messenger.WebExtEvent<(details: {
        /** The reason that this event is being dispatched. */
        reason: OnInstalledReason;
        /** Indicates the previous version of the extension, which has just been updated. */
        previousVersion?: string;
        /** Indicates whether the addon is installed as a temporary extension. */
        temporary: boolean;
      }) => void>;
      /** Sent to the event page just before it is unloaded. */
      onSuspend: messenger.WebExtEvent<() => void>;
      /** Sent after onSuspend to indicate that the app won't be unloaded after all. */
      onSuspendCanceled: messenger.WebExtEvent<() => void>;
      /** Fired when an update is available, but isn't installed immediately because the app is currently running. */
      onUpdateAvailable: messenger.WebExtEvent<(details: {
        /** The version number of the available update. */
        version: string;
        [key: string]: unknown;
      }) => void>;
      /** Fired when a connection is made from either an extension process or a content script. */
      onConnect: messenger.WebExtEvent<(port: Port) => void>;
      /** Fired when a connection is made from a USER_SCRIPT world registered through the userScripts API. */
      onUserScriptConnect: messenger.WebExtEvent<(port: Port) => void>;
      /** Fired when a connection is made from another extension. */
      onConnectExternal: messenger.WebExtEvent<(port: Port) => void>;
      /** Fired when a message is sent from either an extension process or a content script. */
      onMessage: messenger.WebExtEvent<(message: unknown, sender: MessageSender, sendResponse: (...args: any[]) => unknown) => boolean | void | Promise<unknown>>;
      /** Fired when a message is sent from another extension/app. */
      onMessageExternal: messenger.WebExtEvent<(message: unknown, sender: MessageSender, sendResponse: (...args: any[]) => unknown) => boolean | void | Promise<unknown>>;
      /** Fired when a message is sent from a USER_SCRIPT world registered through the userScripts API. */
      onUserScriptMessage: messenger.WebExtEvent<(message: unknown, sender: MessageSender, sendResponse: (...args: any[]) => unknown) => boolean | void | Promise<unknown>>;
      /** Fired when a runtime performance issue is detected with the extension. */
      onPerformanceWarning: messenger.WebExtEvent<(details: {
        /** The performance warning event category, e.g. 'content_script'. */
        category: OnPerformanceWarningCategory;
        /** The performance warning event severity, e.g. 'high'. */
        severity: OnPerformanceWarningSeverity;
        /** The tabs.Tab that the performance warning relates to, if any. */
        tabId?: number;
        /** An explanation of what the warning means, and hopefully how to address it. */
        description: string;
      }) => void>;
      /** This will be defined during an API method callback if there was an error */
      readonly lastError?: {
        /** Details about the error which occurred. */
        message?: string;
        [key: string]: unknown;
      };
      /** The ID of the extension/app. */
      readonly id: string;
    }
  }

  /** `scripting`: Use the scripting API to execute script in different contexts. */
  namespace scripting {
    interface CSSInjection {
      /** A string containing the CSS to inject. */
      css?: string;
      /** The path of the CSS files to inject, relative to the extension's root directory. */
      files?: string[];
      /** The style origin for the injection. */
      origin?: "USER" | "AUTHOR";
      /** Details specifying the target into which to inject the CSS. */
      target: InjectionTarget;
    }

    interface ContentScriptFilter {
      /** The IDs of specific scripts to retrieve with getRegisteredContentScripts() or to unregister with unregisterContentScripts(). */
      ids?: string[];
    }

    /** The JavaScript world for a script to execute within. */
    type ExecutionWorld = "ISOLATED" | "MAIN";

    /** Result of a script injection. */
    interface InjectionResult {
      /** The document associated with the injection. */
      documentId: string;
      /** The frame ID associated with the injection. */
      frameId: number;
      /** The result of the script execution. */
      result?: unknown;
      /** The error property is set when the script execution failed. */
      error?: unknown;
    }

    interface InjectionTarget {
      /** The IDs of specific frames to inject into. */
      frameIds?: number[];
      /** Whether the script should inject into all frames within the tab. */
      allFrames?: boolean;
      /** The ID of the tab into which to inject. */
      tabId: number;
      /** The IDs of specific documents to inject into. */
      documentIds?: string[];
    }

    interface RegisteredContentScript {
      /** If specified true, it will inject into all frames, even if the frame is not the top-most frame in the tab. */
      allFrames?: boolean;
      /** Excludes pages that this content script would otherwise be injected into. */
      excludeMatches?: string[];
      /** The id of the content script, specified in the API call. */
      id: string;
      /** The list of JavaScript files to be injected into matching pages. */
      js?: messenger.manifest.ExtensionURL[];
      /** Specifies which pages this content script will be injected into. */
      matches?: string[];
      /** If matchOriginAsFallback is true, then the code is also injected in about:, data:, blob: when their origin matches the pattern in 'matches', even if the actual document origin is opaque (due to the use of CSP sandbox or iframe sandbox). */
      matchOriginAsFallback?: boolean;
      /** Specifies when JavaScript files are injected into the web page. */
      runAt?: messenger.extensionTypes.RunAt;
      /** The JavaScript world for a script to execute within. */
      world?: ExecutionWorld;
      /** Specifies if this content script will persist into future sessions. */
      persistAcrossSessions?: boolean;
      /** The list of CSS files to be injected into matching pages. */
      css?: messenger.manifest.ExtensionURL[];
      cssOrigin?: messenger.extensionTypes.CSSOrigin;
    }

    /** Details of a script injection */
    interface ScriptInjection {
      /** The arguments to curry into a provided function. */
      args?: unknown[];
      /** The path of the JS files to inject, relative to the extension's root directory. */
      files?: string[];
      /** A JavaScript function to inject. */
      func?: (...args: any[]) => unknown;
      /** Details specifying the target into which to inject the script. */
      target: InjectionTarget;
      world?: ExecutionWorld;
      /** Whether the injection should be triggered in the target as soon as possible (but not necessarily prior to page load). */
      injectImmediately?: boolean;
    }

    /** The `messenger.scripting` API object. */
    interface Static {
      /** Injects a script into a target context. */
      executeScript(injection: ScriptInjection): Promise<InjectionResult[]>;
      /** Inserts a CSS stylesheet into a target context. */
      insertCSS(injection: CSSInjection): Promise<void>;
      /** Removes a CSS stylesheet that was previously inserted by this extension from a target context. */
      removeCSS(injection: CSSInjection): Promise<void>;
      /** Registers one or more content scripts for this extension. */
      registerContentScripts(scripts: RegisteredContentScript[]): Promise<void>;
      /** Returns all dynamically registered content scripts for this extension that match the given filter. */
      getRegisteredContentScripts(filter?: ContentScriptFilter): Promise<RegisteredContentScript[]>;
      /** Unregisters one or more content scripts for this extension. */
      unregisterContentScripts(filter?: ContentScriptFilter): Promise<void>;
      /** Updates one or more content scripts for this extension. */
      updateContentScripts(scripts: Array<{
        /** If specified true, it will inject into all frames, even if the frame is not the top-most frame in the tab. */
        allFrames?: boolean;
        /** Excludes pages that this content script would otherwise be injected into. */
        excludeMatches?: string[];
        /** The id of the content script, specified in the API call. */
        id: string;
        /** The list of JavaScript files to be injected into matching pages. */
        js?: messenger.manifest.ExtensionURL[];
        /** Specifies which pages this content script will be injected into. */
        matches?: string[];
        /** If matchOriginAsFallback is true, then the code is also injected in about:, data:, blob: when their origin matches the pattern in 'matches', even if the actual document origin is opaque (due to the use of CSP sandbox or iframe sandbox). */
        matchOriginAsFallback?: boolean;
        /** Specifies when JavaScript files are injected into the web page. */
        runAt?: messenger.extensionTypes.RunAt;
        /** The JavaScript world for a script to execute within. */
        world?: ExecutionWorld;
        /** Specifies if this content script will persist into future sessions. */
        persistAcrossSessions?: boolean;
        /** The list of CSS files to be injected into matching pages. */
        css?: messenger.manifest.ExtensionURL[];
        cssOrigin?: messenger.extensionTypes.CSSOrigin;
      }>): Promise<void>;
      /** The scripting.compose API allows to register and unregister scripts for the message compose window. */
      readonly compose: messenger.scripting.compose.Static;
      /** The scripting.messageDisplay API allows to register and unregister scripts for the message display window. */
      readonly messageDisplay: messenger.scripting.messageDisplay.Static;
    }

    /** `scripting.compose`: The scripting.compose API allows to register and unregister scripts for the message compose window. */
    namespace compose {
      interface ComposeScriptDetails {
        /** The id of the compose script, specified in the API call. */
        id: string;
        /** The list of JavaScript files to be injected. */
        js?: messenger.manifest.ExtensionURL[];
        /** Specifies when JavaScript files are injected. */
        runAt?: messenger.extensionTypes.RunAt;
        /** The list of CSS files to be injected. */
        css?: messenger.manifest.ExtensionURL[];
      }

      interface ComposeScriptFilter {
        /** The IDs of specific compose scripts to retrieve with getRegisteredScripts() or to unregister with unregisterScripts(). */
        ids?: string[];
      }

      /** The `messenger.scripting.compose` API object. */
      interface Static {
        /** Returns all registered compose scripts for this extension that match the given filter. */
        getRegisteredScripts(filter?: ComposeScriptFilter): Promise<ComposeScriptDetails[]>;
        /** Registers one or more compose scripts for this extension, which should be injected into the message compose editor. */
        registerScripts(scripts: ComposeScriptDetails[]): Promise<void>;
        /** Unregisters one or more compose scripts for this extension. */
        unregisterScripts(filter?: ComposeScriptFilter): Promise<void>;
      }
    }

    /** `scripting.messageDisplay`: The scripting.messageDisplay API allows to register and unregister scripts for the message display window. */
    namespace messageDisplay {
      interface MessageDisplayScriptDetails {
        /** The id of the message display script, specified in the API call. */
        id: string;
        /** The list of JavaScript files to be injected. */
        js?: messenger.manifest.ExtensionURL[];
        /** Specifies when JavaScript files are injected. */
        runAt?: messenger.extensionTypes.RunAt;
        /** The list of CSS files to be injected. */
        css?: messenger.manifest.ExtensionURL[];
      }

      interface MessageDisplayScriptFilter {
        /** The IDs of specific message display scripts to retrieve with getRegisteredScripts() or to unregister with unregisterScripts(). */
        ids?: string[];
      }

      /** The `messenger.scripting.messageDisplay` API object. */
      interface Static {
        /** Returns all registered message display scripts for this extension that match the given filter. */
        getRegisteredScripts(filter?: MessageDisplayScriptFilter): Promise<MessageDisplayScriptDetails[]>;
        /** Registers one or more message display scripts for this extension, which should be injected into displayed messages. */
        registerScripts(scripts: MessageDisplayScriptDetails[]): Promise<void>;
        /** Unregisters one or more message display scripts for this extension. */
        unregisterScripts(filter?: MessageDisplayScriptFilter): Promise<void>;
      }
    }
  }

  /** `storage`: Use the browser.storage API to store, retrieve, and track changes to user data. */
  namespace storage {
    interface StorageArea {
      /** Gets one or more items from storage. */
      get(keys?: string | string[] | {
        [key: string]: any;
      }): Promise<{
        [key: string]: unknown;
      }>;
      /** Gets the amount of space (in bytes) being used by one or more items. */
      getBytesInUse(keys?: string | string[]): Promise<number>;
      /** Gets the keys of all items in storage. */
      getKeys(): Promise<string[]>;
      /** Sets multiple items. */
      set(items: {
        [key: string]: any;
      }): Promise<void>;
      /** Removes one or more items from storage. */
      remove(keys: string | string[]): Promise<void>;
      /** Removes all items from storage. */
      clear(): Promise<void>;
      /** Fired when one or more items change. */
      onChanged: messenger.WebExtEvent<(changes: {
        [key: string]: StorageChange;
      }) => void>;
    }

    interface StorageChange {
      /** The old value of the item, if there was an old value. */
      oldValue?: unknown;
      /** The new value of the item, if there is a new value. */
      newValue?: unknown;
    }

    /** The `messenger.storage` API object. */
    interface Static {
      /** Fired when one or more items change. */
      onChanged: messenger.WebExtEvent<(changes: {
        [key: string]: StorageChange;
      }, areaName: string) => void>;
      /** Items in the sync storage area are synced by the browser. */
      readonly sync: StorageArea & {
        /** The maximum total amount (in bytes) of data that can be stored in sync storage, as measured by the JSON stringification of every value plus every key's length. */
        QUOTA_BYTES: 102400;
        /** The maximum size (in bytes) of each individual item in sync storage, as measured by the JSON stringification of its value plus its key length. */
        QUOTA_BYTES_PER_ITEM: 8192;
        /** The maximum number of items that can be stored in sync storage. */
        MAX_ITEMS: 512;
        /** The maximum number of set, remove, or clear operations that can be performed each hour. */
        MAX_WRITE_OPERATIONS_PER_HOUR: 1800;
        /** The maximum number of set, remove, or clear operations that can be performed each minute. */
        MAX_WRITE_OPERATIONS_PER_MINUTE: 120;
        /** @deprecated The storage.sync API no longer has a sustained write operation quota. */
        MAX_SUSTAINED_WRITE_OPERATIONS_PER_MINUTE: 1000000;
      };
      /** Items in the local storage area are local to each machine. */
      readonly local: StorageArea & {
        /** The maximum amount (in bytes) of data that can be stored in local storage, as measured by the JSON stringification of every value plus every key's length. */
        QUOTA_BYTES: 5242880;
      };
      /** Items in the managed storage area are set by administrators or native applications, and are read-only for the extension; trying to modify this namespace results in an error. */
      readonly managed: StorageArea & {
        /** The maximum size (in bytes) of the managed storage JSON manifest file. */
        QUOTA_BYTES: 5242880;
      };
      /** Items in the session storage area are kept in memory, and only until the either browser or extension is closed or reloaded. */
      readonly session: StorageArea & {
        /** The maximum amount of data (in bytes, currently at 10MB) that can be stored in session storage, as measured by the StructuredCloneHolder of every value plus every key's length. */
        QUOTA_BYTES: unknown;
      };
    }
  }

  /** `tabs`: The tabs API supports creating, modifying and interacting with tabs in Thunderbird windows. */
  namespace tabs {
    interface Tab {
      /** The ID of the tab. */
      id?: number;
      /** The zero-based index of the tab within its window. */
      index: number;
      /** The ID of the window the tab is contained within. */
      windowId?: number;
      /** Whether the tab is highlighted. */
      highlighted: boolean;
      /** Whether the tab is active in its window. */
      active: boolean;
      /** The URL the tab is displaying. */
      url?: string;
      /** The title of the tab. */
      title?: string;
      /** The URL of the tab's favicon. */
      favIconUrl?: string;
      /** Either loading or complete. */
      status?: string;
      /** The width of the tab in pixels. */
      width?: number;
      /** The height of the tab in pixels. */
      height?: number;
      /** The CookieStore id used by the tab. */
      cookieStoreId?: string;
      type?: TabType;
      /** The id of the space. */
      spaceId?: number;
      /** The ID of the group that the tab belongs to. -1 if the tab does not belong to a tab group. */
      groupId?: number;
      /** The ID of the Split View that the tab belongs to. -1 if the tab does not belong to a split view. */
      splitViewId?: number;
    }

    /** Whether the tabs have completed loading. */
    type TabStatus = "loading" | "complete";

    /** Tab types supported by the tabs API. */
    type TabType = "addressBook" | "calendar" | "calendarEvent" | "calendarTask" | "chat" | "content" | "mail" | "messageCompose" | "messageDisplay" | "special" | "tasks";

    /** An object describing filters to apply to tabs.onUpdated events. */
    interface UpdateFilter {
      /** A list of URLs or URL patterns. */
      urls?: string[];
      /** A list of property names. */
      properties?: UpdatePropertyName[];
      tabId?: number;
      windowId?: number;
    }

    /** Event names supported in tabs.onUpdated. */
    type UpdatePropertyName = "favIconUrl" | "status" | "title";

    /** The type of a window. */
    type WindowType = "normal" | "popup" | "panel" | "app" | "devtools" | "messageCompose" | "messageDisplay";

    /** The `messenger.tabs` API object. */
    interface Static {
      /** Retrieves details about the specified tab. */
      get(tabId: number): Promise<Tab>;
      /** Gets the tab that this script call is being made from. */
      getCurrent(): Promise<Tab | undefined>;
      /** Connects to the content script(s) in the specified tab. */
      connect(tabId: number, connectInfo?: {
        /** Will be passed into onConnect for content scripts that are listening for the connection event. */
        name?: string;
        /** Open a port to a specific frame identified by frameId instead of all frames in the tab. */
        frameId?: number;
        /** Open a port to a specific document identified by documentId instead of all frames in the tab. */
        documentId?: string;
      }): messenger.runtime.Port;
      /** Sends a single message to the content script(s) in the specified tab, with an optional callback to run when a response is sent back. */
      sendMessage(tabId: number, message: unknown, options?: {
        /** Send a message to a specific frame identified by frameId instead of all frames in the tab. */
        frameId?: number;
        /** Send a message to a specific document identified by documentId instead of all frames in the tab. */
        documentId?: string;
      }): Promise<unknown>;
      /** Creates a new content tab. */
      create(createProperties: {
        /** The window to create the new tab in. */
        windowId?: number;
        /** The position the tab should take in the window. */
        index?: number;
        /** The URL to navigate the tab to initially. */
        url?: string;
        /** Whether the tab should become the active tab in the window. */
        active?: boolean;
        /** The CookieStore id the new tab should use. */
        cookieStoreId?: string;
        /** Thunderbird is a mail client, not a browser. */
        linkHandler?: "strict" | "balanced" | "relaxed";
      }): Promise<Tab>;
      /** Duplicates a tab. */
      duplicate(tabId: number): Promise<Tab>;
      /** Gets all tabs that have the specified properties, or all tabs if no properties are specified. */
      query(queryInfo?: {
        /** The id of the space the tabs should belong to. */
        spaceId?: number;
        /** Match tabs against the given tab type or types. */
        type?: TabType | TabType[];
        /** Whether the tabs are active in their windows. */
        active?: boolean;
        /** Whether the tabs are highlighted. */
        highlighted?: boolean;
        /** Whether the tabs are in the current window. */
        currentWindow?: boolean;
        /** Whether the tabs are in the last focused window. */
        lastFocusedWindow?: boolean;
        /** Whether the tabs have completed loading. */
        status?: TabStatus;
        /** Match page titles against a pattern. */
        title?: string;
        /** Match tabs against one or more URL Patterns. */
        url?: string | string[];
        /** The ID of the parent window, or windows.WINDOW_ID_CURRENT for the current window. */
        windowId?: number;
        /** The type of window the tabs are in. */
        windowType?: WindowType;
        /** The position of the tabs within their windows. */
        index?: number;
        /** The CookieStore id(s) used by the tabs. */
        cookieStoreId?: string[] | string;
      }): Promise<Tab[]>;
      /** Modifies the properties of a tab. */
      update(tabId: number | undefined, updateProperties: {
        /** A URL of a page to load. */
        url?: string;
        /** Set this to true, if the tab should become active. */
        active?: boolean;
      }): Promise<Tab>;
      /** Modifies the properties of a tab. */
      update(updateProperties: {
        /** A URL of a page to load. */
        url?: string;
        /** Set this to true, if the tab should become active. */
        active?: boolean;
      }): Promise<Tab>;
      /** Moves one or more tabs to a new position within its current window, or to a different window. */
      move(tabIds: number | number[], moveProperties: {
        /** Defaults to the window the tab is currently in. */
        windowId?: number;
        /** The position to move the tab to. -1 will place the tab at the end of the window. */
        index: number;
      }): Promise<Tab[]>;
      /** Reload a tab. */
      reload(tabId?: number, reloadProperties?: {
        /** Whether using any local cache. */
        bypassCache?: boolean;
      }): Promise<void>;
      /** Reload a tab. */
      reload(reloadProperties?: {
        /** Whether using any local cache. */
        bypassCache?: boolean;
      }): Promise<void>;
      /** Closes one or more tabs. */
      remove(tabIds: number | number[]): Promise<void>;
      /** Fired when a tab is created. */
      onCreated: messenger.WebExtEvent<(tab: Tab) => void>;
      /** Fired when a tab is updated. */
      onUpdated: messenger.WebExtEvent<
        (tabId: number, changeInfo: {
          /** The status of the tab. */
          status?: string;
          /** The tab's URL if it has changed. */
          url?: string;
          /** The tab's new favicon URL. */
          favIconUrl?: string;
        }, tab: Tab) => void,
        [filter?: UpdateFilter]
      >;
      /** Fired when a tab is moved within a window. */
      onMoved: messenger.WebExtEvent<(tabId: number, moveInfo: {
        windowId: number;
        fromIndex: number;
        toIndex: number;
      }) => void>;
      /** Fires when the active tab in a window changes. */
      onActivated: messenger.WebExtEvent<(activeInfo: {
        /** The ID of the tab that has become active. */
        tabId: number;
        /** The ID of the tab that was previously active, if that tab is still open. */
        previousTabId?: number;
        /** The ID of the window the active tab changed inside of. */
        windowId: number;
      }) => void>;
      /** Fired when a tab is detached from a window, for example because it is being moved between windows. */
      onDetached: messenger.WebExtEvent<(tabId: number, detachInfo: {
        oldWindowId: number;
        oldPosition: number;
      }) => void>;
      /** Fired when a tab is attached to a window, for example because it was moved between windows. */
      onAttached: messenger.WebExtEvent<(tabId: number, attachInfo: {
        newWindowId: number;
        newPosition: number;
      }) => void>;
      /** Fired when a tab is closed. */
      onRemoved: messenger.WebExtEvent<(tabId: number, removeInfo: {
        /** The window whose tab is closed. */
        windowId: number;
        /** Is true when the tab is being closed because its window is being closed. */
        isWindowClosing: boolean;
      }) => void>;
      /** An ID which represents the absence of a tab. */
      readonly TAB_ID_NONE: -1;
    }
  }

  /** `windows`: The windows API supports creating, modifying and interacting with Thunderbird windows. */
  namespace windows {
    /** Specifies what type of window to create. */
    type CreateType = "normal" | "popup" | "panel" | "detached_panel";

    /** Specifies additional requirements for the returned windows. */
    interface GetInfo {
      /** If true, the windows.Window returned will have a tabs property that contains an array of tabs.Tab objects representing the tabs inside the window. */
      populate?: boolean;
      /** If set, the windows.Window returned will be filtered based on its type. */
      windowTypes?: WindowType[];
    }

    interface Window {
      /** The ID of the window. */
      id?: number;
      /** Whether the window is currently the focused window. */
      focused: boolean;
      /** The offset of the window from the top edge of the screen in pixels. */
      top?: number;
      /** The offset of the window from the left edge of the screen in pixels. */
      left?: number;
      /** The width of the window, including the frame, in pixels. */
      width?: number;
      /** The height of the window, including the frame, in pixels. */
      height?: number;
      /** Array of tabs.Tab objects representing the current tabs in the window. */
      tabs?: messenger.tabs.Tab[];
      /** Whether the window is incognito. */
      incognito: boolean;
      /** The type of window this is. */
      type?: WindowType;
      /** The state of this window. */
      state?: WindowState;
      /** Whether the window is set to be always on top. */
      alwaysOnTop: boolean;
      /** The title of the window. */
      title?: string;
    }

    /** The state of this window. */
    type WindowState = "normal" | "minimized" | "maximized" | "fullscreen" | "docked";

    /** The type of a window. */
    type WindowType = "normal" | "popup" | "messageCompose" | "messageDisplay";

    /** The `messenger.windows` API object. */
    interface Static {
      /** Gets details about a window. */
      get(windowId: number, getInfo?: GetInfo): Promise<Window>;
      /** Gets the active or topmost window. */
      getCurrent(getInfo?: GetInfo): Promise<Window>;
      /** Gets the window that was most recently focused &mdash; typically the window 'on top'. */
      getLastFocused(getInfo?: GetInfo): Promise<Window>;
      /** Gets all windows. */
      getAll(getInfo?: GetInfo): Promise<Window[]>;
      /** Creates (opens) a new window with any optional sizing, position or default URL provided. */
      create(createData?: {
        /** A URL to be opened in a popup window, ignored in all other window types. */
        url?: string | string[];
        /** The id of the tab for which you want to adopt to the new window. */
        tabId?: number;
        /** The number of pixels to position the new window from the left edge of the screen. */
        left?: number;
        /** The number of pixels to position the new window from the top edge of the screen. */
        top?: number;
        /** The width in pixels of the new window, including the frame. */
        width?: number;
        /** The height in pixels of the new window, including the frame. */
        height?: number;
        /** Specifies what type of window to create. */
        type?: CreateType;
        /** The initial state of the window. */
        state?: WindowState;
        /** Allow scripts running inside the window to close the window by calling window.close(). */
        allowScriptsToClose?: boolean;
        /** The CookieStore id which all initially opened tabs should use. */
        cookieStoreId?: string;
        /** Thunderbird is a mail client, not a browser. */
        linkHandler?: "strict" | "balanced" | "relaxed";
        /** A string to add to the beginning of the window title. */
        titlePreface?: string;
      }): Promise<Window>;
      /** Updates the properties of a window. */
      update(windowId: number, updateInfo: {
        /** The offset from the left edge of the screen to move the window to in pixels. */
        left?: number;
        /** The offset from the top edge of the screen to move the window to in pixels. */
        top?: number;
        /** The width to resize the window to in pixels. */
        width?: number;
        /** The height to resize the window to in pixels. */
        height?: number;
        /** If true, brings the window to the front. */
        focused?: boolean;
        /** Setting this to true will cause the window to be displayed in a manner that draws the user's attention to the window, without changing the focused window. */
        drawAttention?: boolean;
        /** The new state of the window. */
        state?: WindowState;
        /** A string to add to the beginning of the window title. */
        titlePreface?: string;
      }): Promise<Window>;
      /** Removes (closes) a window, and all the tabs inside it. */
      remove(windowId: number): Promise<void>;
      /** Opens the provided URL in the default system browser. */
      openDefaultBrowser(url: string): Promise<void>;
      /** Fired when a window is created. */
      onCreated: messenger.WebExtEvent<(window: Window) => void>;
      /** Fired when a window is removed (closed). */
      onRemoved: messenger.WebExtEvent<(windowId: number) => void>;
      /** Fired when the currently focused window changes. */
      onFocusChanged: messenger.WebExtEvent<(windowId: number) => void>;
      /** The windowId value that represents the absence of a window. */
      readonly WINDOW_ID_NONE: -1;
      /** The windowId value that represents the current window. */
      readonly WINDOW_ID_CURRENT: -2;
    }
  }

  // The API objects.
  /** The accounts API provides access to the user's server accounts. */
  const accounts: messenger.accounts.Static;
  /** Use the action API to add a button to Thunderbird's unified toolbar. */
  const action: messenger.action.Static;
  /** The addressBooks API allows to access and manage the user's address books. */
  const addressBooks: messenger.addressBooks.Static;
  const alarms: messenger.alarms.Static;
  /** The compose API allows to interact with the message composition window. */
  const compose: messenger.compose.Static;
  /** The folders API allows to access and manage the user's message folders. */
  const folders: messenger.folders.Static;
  /** Use the browser.i18n infrastructure to implement internationalization across your whole app or extension. */
  const i18n: messenger.i18n.Static;
  /** The identities API allows to manage the user's identities (each account can have multiple identities). */
  const identities: messenger.identities.Static;
  /** The mailTabs API allows to interact with Thunderbird's main mail tab (a.k.a 3-pane tab). */
  const mailTabs: messenger.mailTabs.Static;
  /** The browser.management API provides ways to manage the list of extensions that are installed and running. */
  const management: messenger.management.Static;
  /** The menus API allows to add items to Thunderbird's menus. */
  const menus: messenger.menus.Static;
  /** A message can be displayed in either Thunderbird's main mail tab (a.k.a 3-pane tab), a tab of its own, or in a window of its own. */
  const messageDisplay: messenger.messageDisplay.Static;
  /** Use a messageDisplayAction to put a button in the message display toolbar. */
  const messageDisplayAction: messenger.messageDisplayAction.Static;
  /** The messages API allows to access and manage the user's messages. */
  const messages: messenger.messages.Static;
  const notifications: messenger.notifications.Static;
  const permissions: messenger.permissions.Static;
  /** Use the browser.runtime API to retrieve the background page, return details about the manifest, and listen for and respond to events in the app or extension lifecycle. */
  const runtime: messenger.runtime.Static;
  /** Use the scripting API to execute script in different contexts. */
  const scripting: messenger.scripting.Static;
  /** Use the browser.storage API to store, retrieve, and track changes to user data. */
  const storage: messenger.storage.Static;
  /** The tabs API supports creating, modifying and interacting with tabs in Thunderbird windows. */
  const tabs: messenger.tabs.Static;
  /** The windows API supports creating, modifying and interacting with Thunderbird windows. */
  const windows: messenger.windows.Static;
}

/** Alias of `messenger`. */
declare const browser: typeof messenger;
