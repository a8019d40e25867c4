import Foundation
import IGCore

/// A token written as `${env:NAME}` or `${file:PATH}`, in a pipeline file or an accounts file.
enum SecretReference {
    /// Why a reference cannot be resolved, as a sentence.
    struct Failure: Error {
        let message: String
    }

    /// The secret `text` refers to, trimmed of surrounding whitespace (a token file or an `export
    /// T="$(cat token)"` leaves a newline behind).
    static func resolve(_ text: String, environment: [String: String]) throws(Failure) -> Secret {
        guard text.hasPrefix("${"), text.hasSuffix("}") else {
            throw Failure(
                message:
                    "write the token as ${env:NAME} or ${file:PATH}; a literal token in a pipeline file leaks with it"
            )
        }
        let reference = text.dropFirst(2).dropLast()
        if reference.hasPrefix("env:") {
            let name = String(reference.dropFirst(4))
            guard let raw = environment[name] else {
                throw Failure(message: "environment variable \(name) is not set (it should hold the access token)")
            }
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else {
                throw Failure(message: "environment variable \(name) is empty (it should hold the access token)")
            }
            return Secret(value: value, source: text)
        }
        if reference.hasPrefix("file:") {
            let path = String(reference.dropFirst(5))
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw Failure(message: "cannot read the token file \(path)")
            }
            let value = contents.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw Failure(message: "the token file \(path) is empty") }
            return Secret(value: value, source: text)
        }
        throw Failure(message: "unknown secret reference '\(text)'; use ${env:NAME} or ${file:PATH}")
    }
}
