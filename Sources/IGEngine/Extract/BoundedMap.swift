extension Sequence where Element: Sendable {
    /// Maps the elements concurrently, at most `limit` at a time, and returns the results in the original
    /// order, so that outputs do not depend on which request finished first.
    func boundedMap<Result: Sendable>(
        limit: Int,
        _ transform: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: underestimatedCount)
            var iterator = enumerated().makeIterator()
            var running = 0
            while running < Swift.max(1, limit), let (index, element) = iterator.next() {
                group.addTask { (index, try await transform(element)) }
                running += 1
            }
            while let (index, result) = try await group.next() {
                if index >= results.count {
                    results.append(contentsOf: [Result?](repeating: nil, count: index - results.count + 1))
                }
                results[index] = result
                if let (nextIndex, element) = iterator.next() {
                    group.addTask { (nextIndex, try await transform(element)) }
                }
            }
            return results.compactMap { $0 }
        }
    }
}
