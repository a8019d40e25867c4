import IGCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a line to standard error in one `write(2)`, so that lines from concurrent tasks never interleave,
/// with control characters escaped: error messages quote what the API and files said.
func printError(_ message: String) {
    writeStandardError(message.terminalSafe + "\n")
}

/// Writes a line to standard output with control characters escaped: reports quote what the API sent.
func printOutput(_ text: String) {
    print(text.terminalSafe)
}

/// Writes `text` to standard error as it is, in one `write(2)`.
@Sendable func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count)
    }
}

/// Whether standard error is a terminal, where progress is drawn.
var standardErrorIsTerminal: Bool {
    isatty(STDERR_FILENO) == 1
}

/// The terminal's width in columns, or 80 when unknown.
var standardErrorColumns: Int {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
}
