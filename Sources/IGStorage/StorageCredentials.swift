import IGCore

/// The keys that sign requests to object storage; every one is a `Secret`, so none prints itself.
public struct StorageCredentials: Sendable {
    /// The access key id (AWS_ACCESS_KEY_ID, or an HMAC key's access id for GCS).
    public var accessKey: Secret
    /// The secret access key.
    public var secretKey: Secret
    /// A temporary session's token (AWS_SESSION_TOKEN), sent as `x-amz-security-token`.
    public var sessionToken: Secret?

    /// Creates credentials.
    public init(accessKey: Secret, secretKey: Secret, sessionToken: Secret? = nil) {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.sessionToken = sessionToken
    }

    /// The credentials the AWS tools would use: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with
    /// `AWS_SESSION_TOKEN`), else the profile `AWS_PROFILE` (or `default`) of the shared credentials file
    /// (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`); `nil` when there are none.
    ///
    /// `readFile` reads a file's text, or returns `nil`; tests pass their own.
    public static func fromEnvironment(
        _ environment: [String: String],
        readFile: (String) -> String?
    ) -> StorageCredentials? {
        func secret(_ name: String) -> Secret? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return Secret(value: value, source: "$\(name)")
        }
        if let access = secret("AWS_ACCESS_KEY_ID"), let secretKey = secret("AWS_SECRET_ACCESS_KEY") {
            return StorageCredentials(
                accessKey: access,
                secretKey: secretKey,
                sessionToken: secret("AWS_SESSION_TOKEN")
            )
        }
        let file =
            environment["AWS_SHARED_CREDENTIALS_FILE"]
            ?? environment["HOME"].map { $0 + "/.aws/credentials" }
        guard let file, let text = readFile(file) else { return nil }
        let profile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let values = profileValues(text, profile: profile)
        let source = "\(file) [\(profile)]"
        guard let access = values["aws_access_key_id"], let secretKey = values["aws_secret_access_key"] else {
            return nil
        }
        return StorageCredentials(
            accessKey: Secret(value: access, source: source),
            secretKey: Secret(value: secretKey, source: source),
            sessionToken: values["aws_session_token"].map { Secret(value: $0, source: source) }
        )
    }

    /// The `key = value` lines of section `[profile]` of an INI file; comments (`#`, `;`) and other sections
    /// are skipped.
    static func profileValues(_ text: String, profile: String) -> [String: String] {
        var values: [String: String] = [:]
        var inProfile = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                inProfile = line.dropFirst().dropLast().trimmingSpaces() == profile
                continue
            }
            guard inProfile, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingSpaces().lowercased()
            let value = line[line.index(after: equals)...].trimmingSpaces()
            if !value.isEmpty { values[key] = value }
        }
        return values
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
