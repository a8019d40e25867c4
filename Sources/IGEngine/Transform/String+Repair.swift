extension String {
    /// Decodes UTF-8 bytes, replacing every invalid sequence (overlong forms, encoded surrogates, stray
    /// continuation bytes, truncated sequences) with U+FFFD.
    ///
    /// A Swift `String` always holds valid Unicode, so this is the one place where invalid input can be
    /// repaired: wherever bytes from outside (an HTTP body, a file) become text. A lone surrogate escape in
    /// JSON (`"\ud83d"`) must likewise become U+FFFD in the parser, since `Unicode.Scalar` cannot hold it.
    public init(repairingUTF8 bytes: some Collection<UInt8>) {
        self = String(decoding: bytes, as: UTF8.self)
    }
}
