package org.residentregistry.core.overseas;

/** The kind of an overseas-file notification — 通知区分 (domain.md §2.4). */
public enum ChangeKind {
    /** 附票記載: the annex record becomes current at the notifying (managing) municipality. */
    RECORD,
    /** 附票修正: the record changes (address abroad, last domestic address, name ...). */
    MODIFY,
    /** 附票消除: the record stops being current. */
    REMOVE
}
