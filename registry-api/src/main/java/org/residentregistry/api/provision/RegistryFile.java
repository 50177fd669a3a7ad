package org.residentregistry.api.provision;

/** The two files an affair may cover: the identity file and the overseas-address file. */
public enum RegistryFile { IDENTITY, OVERSEAS }
