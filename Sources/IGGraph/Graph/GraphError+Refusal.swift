extension GraphError {
    /// Why the API withheld one object's figures while the source as a whole is fine.
    public enum Refusal: String, Sendable, Equatable {
        /// Code 10 "Not enough viewers": the media exists, its figures are withheld.
        case tooFewViewers = "too_few_viewers"
        /// Code 100, subcode 2108006: media posted before the account became a business account.
        case beforeBusinessConversion = "before_business_conversion"
        /// Code 100 on an insights request: a metric not served for this object (or no longer served).
        case metricNotServed = "metric_not_supported"
    }

    /// The refusal, when this error answers an insights request and concerns one object's figures only: the
    /// stream records it and goes on. (On other requests, code 100 is an invalid parameter, not a refusal.)
    ///
    /// Code 10 is also the API's "permission denied", which must stop the run; only its too-few-viewers form,
    /// which the API tells apart by message alone, concerns one object.
    public var refusal: Refusal? {
        switch (code, subcode) {
        case (10, _) where message.lowercased().contains("not enough viewers"): .tooFewViewers
        case (100, 2_108_006): .beforeBusinessConversion
        case (100, nil) where category != .cursor: .metricNotServed
        default: nil
        }
    }
}
