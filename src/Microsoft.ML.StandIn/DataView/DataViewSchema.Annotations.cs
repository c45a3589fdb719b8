using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    /// <summary>
    /// Named, typed values attached to a column (for example slot names). Its own <see cref="Schema"/> names the annotation kinds.
    /// </summary>
    public sealed partial class Annotations
    {
        private readonly Delegate[] _getters;

        internal Annotations(DataViewSchema schema, Delegate[] getters)
        {
            ArgumentNullException.ThrowIfNull(schema);
            ArgumentNullException.ThrowIfNull(getters);
            if (schema.Count != getters.Length)
                throw new ArgumentException($"Expected {schema.Count} getters, got {getters.Length}.", nameof(getters));
            Schema = schema;
            _getters = getters;
        }

        /// <summary>The schema of the annotations: one column per annotation kind.</summary>
        public DataViewSchema Schema { get; }

        /// <summary>Annotations with no kinds.</summary>
        public static Annotations Empty { get; } = new(new DataViewSchema([]), []);

        /// <summary>Returns the getter of annotation <paramref name="column"/>.</summary>
        /// <typeparam name="TValue">The annotation's raw type.</typeparam>
        /// <param name="column">A column of <see cref="Schema"/>.</param>
        /// <returns>The getter.</returns>
        /// <exception cref="ArgumentOutOfRangeException">The column is not part of <see cref="Schema"/>.</exception>
        /// <exception cref="InvalidOperationException"><typeparamref name="TValue"/> is not the annotation's raw type.</exception>
        public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if ((uint)column.Index >= (uint)_getters.Length || !ReferenceEquals(Schema[column.Index].Type, column.Type) && !Schema[column.Index].Type.Equals(column.Type))
                throw new ArgumentOutOfRangeException(nameof(column), $"Annotation column '{column.Name}' is not part of this annotation schema.");
            return _getters[column.Index] as ValueGetter<TValue>
                ?? throw new InvalidOperationException(
                    $"Invalid TValue in GetGetter: '{typeof(TValue)}', expected type: '{column.Type.RawType}'.");
        }

        /// <summary>Reads the annotation named <paramref name="kind"/>.</summary>
        /// <typeparam name="TValue">The annotation's raw type.</typeparam>
        /// <param name="kind">The annotation name, e.g. <c>"SlotNames"</c>.</param>
        /// <param name="value">Receives the value.</param>
        /// <exception cref="ArgumentOutOfRangeException">There is no annotation of that kind.</exception>
        public void GetValue<TValue>(string kind, ref TValue value)
        {
            ArgumentNullException.ThrowIfNull(kind);
            var column = Schema.GetColumnOrNull(kind)
                ?? throw new ArgumentOutOfRangeException(nameof(kind), $"Annotation '{kind}' not found.");
            GetGetter<TValue>(column)(ref value);
        }

        /// <summary>Returns the annotation names separated by commas.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => string.Join(", ", Schema.Select(c => c.Name));
    }
}
