extension GraphExchange {
    /// The user node. `/me` comes wrapped in `{"data":[…]}` as in the get-started sample; `/{ig-user-id}` comes
    /// as a plain object as in the IG User reference. The reference leaves the real shape open (§2.1), and a
    /// client must accept both. With `addsID`, the app-scoped `id` is added last when not asked for, as `/me`
    /// has been seen answering flat (§11, `EmulatorBehaviour.flatMe`).
    func userNode(wrapped: Bool, addsID: Bool = false) throws(GraphAPIError) -> [UInt8] {
        var plan = try UserPlan.compile(try fields(), withReplies: behaviour.commentReplies)
        if addsID, !plan.items.contains(where: { if case .field(.id) = $0 { true } else { false } }) {
            plan.items.append(.field(.id))
        }
        var buffer = JSONBuffer(capacity: 1_024)
        if wrapped {
            buffer.raw("{\"data\":[")
        }
        buffer.byte(UInt8(ascii: "{"))
        for (index, item) in plan.items.enumerated() {
            if index > 0 {
                buffer.byte(UInt8(ascii: ","))
            }
            switch item {
            case .field(let field):
                buffer.key(field.rawValue)
                writeValue(of: field, into: &buffer)
            case .media(let mediaPlan, let nested):
                buffer.raw("\"media\":")
                let media = account.media
                writeEdge(
                    &buffer,
                    window: EdgeWindow.page(
                        bounds: account.visibleMedia(cap: behaviour.listingCap),
                        limit: nested.limit ?? EdgeLimit.standard,
                        after: nil,
                        before: nil
                    ),
                    edge: .media,
                    parent: UInt64(account.userID) ?? 0,
                    link: nestedLink(object: account.userID, edge: "media", nested: nested)
                ) { ordinal, buffer in
                    render(media[ordinal], plan: mediaPlan, throughEdge: true, into: &buffer)
                }
            case .stories(let storyPlan, let nested):
                buffer.raw("\"stories\":")
                let stories = account.stories
                writeEdge(
                    &buffer,
                    window: EdgeWindow.page(
                        bounds: stories.isEmpty ? nil : 0...(stories.count - 1),
                        limit: nested.limit ?? EdgeLimit.standard,
                        after: nil,
                        before: nil
                    ),
                    edge: .stories,
                    parent: UInt64(account.userID) ?? 0,
                    link: nestedLink(object: account.userID, edge: "stories", nested: nested)
                ) { ordinal, buffer in
                    render(stories[ordinal], plan: storyPlan, throughEdge: true, into: &buffer)
                }
            }
        }
        buffer.byte(UInt8(ascii: "}"))
        if wrapped {
            buffer.raw("]}")
        }
        return buffer.bytes
    }

    private func writeValue(of field: UserField, into buffer: inout JSONBuffer) {
        switch field {
        case .id: buffer.string(account.appScopedID)
        case .userID: buffer.string(account.userID)
        case .username: buffer.string(account.username)
        case .name: buffer.string(account.name)
        case .accountType: buffer.string(account.accountType)
        case .profilePictureURL: buffer.string(account.profilePictureURL)
        case .followersCount: buffer.number(account.followersCount)
        case .followsCount: buffer.number(account.followsCount)
        case .mediaCount: buffer.number(max(0, account.media.count + behaviour.mediaCountDrift))
        case .biography: buffer.string(account.biography)
        case .website: buffer.string(account.website)
        }
    }
}
