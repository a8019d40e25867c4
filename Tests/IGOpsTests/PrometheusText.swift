/// A small parser of Prometheus' text exposition format, enough to check what igexport writes: `# HELP` and
/// `# TYPE` lines, then samples `name{label="value",...} number`.
struct PrometheusText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var help: [String: String] = [:]
    var types: [String: String] = [:]
    var samples: [Sample] = []

    struct Invalid: Error {
        var line: String
    }

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else { throw Invalid(line: String(line)) }
                if line.hasPrefix("# HELP ") {
                    help[String(parts[0])] = String(parts[1])
                } else {
                    guard ["gauge", "counter", "untyped"].contains(parts[1]) else { throw Invalid(line: String(line)) }
                    types[String(parts[0])] = String(parts[1])
                }
                continue
            }
            samples.append(try Self.sample(line))
        }
    }

    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func sample(_ line: Substring) throws -> Sample {
        guard let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}"),
            let value = Double(line[line.index(after: close)...].trimmingPrefix(" "))
        else { throw Invalid(line: String(line)) }
        let name = String(line[..<open])
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { throw Invalid(line: String(line)) }
        var labels: [String: String] = [:]
        for pair in line[line.index(after: open)..<close].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[1].hasPrefix("\""), parts[1].hasSuffix("\"") else {
                throw Invalid(line: String(line))
            }
            labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
        }
        return Sample(name: name, labels: labels, value: value)
    }
}
