/// One value per leg.
///
/// A dictionary keyed by `Side` would make every read optional; both legs always exist, so this never is.
public struct Bilateral<Value: Sendable>: Sendable {
    /// The left leg's value.
    public var left: Value
    /// The right leg's value.
    public var right: Value

    /// Creates a pair.
    ///
    /// Plain memberwise initialiser.
    public init(left: Value, right: Value) {
        self.left = left
        self.right = right
    }

    /// Creates a pair by computing each side.
    ///
    /// Side-aware computations read naturally as one closure.
    public init(_ make: (Side) -> Value) {
        left = make(.left)
        right = make(.right)
    }

    /// The value of one leg.
    public subscript(side: Side) -> Value {
        get { side == .left ? left : right }
        set {
            if side == .left { left = newValue } else { right = newValue }
        }
    }
}
