/// The offline Graph API emulator.
public enum GraphEmulator {}
