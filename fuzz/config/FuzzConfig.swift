import IGCore
import IGEngine

/// Pipeline YAML: decoding never traps; it yields a pipeline or a `ConfigError`. A decoded pipeline describes
/// itself without trapping, too (`igexport validate` prints that).
// Also exported under the name libFuzzer links against.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let environment = ["IG_ACCESS_TOKEN": "fuzz-token", "HOME": "/nonexistent"]
    if let config = try? PipelineConfig.parse(yaml: text, file: "fuzz.yaml", environment: environment) {
        _ = config.resolvedDescription
    }
    return 0
}
