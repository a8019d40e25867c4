/// One exported record: a profile, a media object, a story, an insight row or a comment.
///
/// A record is a JSON object whose keys keep the API's order, so every writer emits them in a stable order.
public typealias Record = JSONObject
