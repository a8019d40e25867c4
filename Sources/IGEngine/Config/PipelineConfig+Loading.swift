import Foundation
import Yams

extension PipelineConfig {
    /// Reads, decodes and validates a pipeline file, resolving `${env:NAME}` and `${file:PATH}` secrets.
    public static func load(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> PipelineConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(path: path, line: 0, column: 0, key: "", message: "cannot read the file (\(error))")
        }
        return try parse(yaml: text, file: path, environment: environment)
    }

    /// Decodes and validates pipeline YAML; `file` names it in errors.
    public static func parse(
        yaml: String,
        file: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> PipelineConfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ConfigError(path: file, line: 0, column: 0, key: "", message: "the file is empty")
            }
            root = node
        } catch let error as ConfigError {
            throw error
        } catch {
            throw syntaxError(error, file: file)
        }
        let decoder = ConfigDecoder(file: file, environment: environment)
        return try decoder.pipeline(ConfigNode(node: root, key: "", file: file))
    }

    private static func syntaxError(_ error: any Error, file: String) -> ConfigError {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                return ConfigError(
                    path: file,
                    line: mark.line,
                    column: mark.column,
                    key: "",
                    message: "invalid YAML: \(problem)"
                )
            case .duplicatedKeysInMapping(let duplicates, let context):
                return ConfigError(
                    path: file,
                    line: context.mark.line,
                    column: context.mark.column,
                    key: "",
                    message: "duplicate keys: \(duplicates.joined(separator: ", "))"
                )
            default:
                break
            }
        }
        return ConfigError(path: file, line: 0, column: 0, key: "", message: "invalid YAML: \(error)")
    }
}
