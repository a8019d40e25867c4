import IGCore
import IGGraph

/// Usage headers: never trap, and every figure stays within its clamp. The input is the `X-App-Usage` value,
/// a newline, then the `X-Business-Use-Case-Usage` value.
// Also exported under the name libFuzzer links against.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUsage(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let usage = RateLimitUsage(appUsage: parts[0], businessUseCaseUsage: parts.count > 1 ? parts[1] : nil)
    let limit = Int(RateLimitUsage.maximumPercentage)
    for percent in [usage.appUsage, usage.businessUseCaseUsage].compactMap({ $0 }) where !(0...limit).contains(percent)
    {
        fatalError("percentage \(percent) outside 0...\(limit) from \(text)")
    }
    if let wait = usage.regainAccessAfter, wait > .seconds(RateLimitUsage.maximumRegainMinutes * 60) {
        fatalError("wait \(wait) above the clamp from \(text)")
    }
    _ = usage.highestPercentage
    return 0
}
