using Microsoft.ML.Data;

namespace Microsoft.ML;

public sealed partial class DataViewSchema
{
    public sealed partial class Annotations
    {
        /// <summary>Collects annotation kinds, types and getters, then builds an <see cref="Annotations"/>.</summary>
        public sealed class Builder
        {
            private readonly List<(string Name, DataViewType Type, Delegate Getter, Annotations? Annotations)> _items = [];

            /// <summary>Creates an empty builder.</summary>
            public Builder()
            {
            }

            /// <summary>Copies the annotations of <paramref name="annotations"/> whose names pass <paramref name="selector"/>.</summary>
            /// <param name="annotations">The source annotations.</param>
            /// <param name="selector">Chooses annotation names to copy.</param>
            public void Add(Annotations annotations, Func<string, bool> selector)
            {
                ArgumentNullException.ThrowIfNull(annotations);
                ArgumentNullException.ThrowIfNull(selector);
                foreach (var column in annotations.Schema)
                {
                    if (!column.IsHidden && selector(column.Name))
                        _items.Add((column.Name, column.Type, annotations._getters[column.Index], column.Annotations));
                }
            }

            /// <summary>Adds an annotation read through <paramref name="getter"/>.</summary>
            /// <typeparam name="TValue">Must be <paramref name="type"/>'s raw type.</typeparam>
            /// <param name="name">The annotation name.</param>
            /// <param name="type">The annotation type.</param>
            /// <param name="getter">Reads the value.</param>
            /// <param name="annotations">Annotations of the annotation, or <see langword="null"/>.</param>
            /// <exception cref="ArgumentException"><typeparamref name="TValue"/> differs from the raw type.</exception>
            public void Add<TValue>(string name, DataViewType type, ValueGetter<TValue> getter, Annotations? annotations = null)
            {
                ArgumentNullException.ThrowIfNull(name);
                ArgumentNullException.ThrowIfNull(type);
                ArgumentNullException.ThrowIfNull(getter);
                if (type.RawType != typeof(TValue))
                    throw new ArgumentException($"Type '{typeof(TValue)}' does not match the raw type '{type.RawType}' of annotation '{name}'.", nameof(getter));
                _items.Add((name, type, getter, annotations));
            }

            /// <summary>Adds an annotation whose getter is a <see cref="ValueGetter{TValue}"/> typed as <see cref="Delegate"/>.</summary>
            /// <param name="name">The annotation name.</param>
            /// <param name="type">The annotation type.</param>
            /// <param name="getter">A <c>ValueGetter&lt;type.RawType&gt;</c>.</param>
            /// <param name="annotations">Annotations of the annotation, or <see langword="null"/>.</param>
            /// <exception cref="ArgumentException">The getter is not a <c>ValueGetter</c> of the raw type.</exception>
            public void Add(string name, DataViewType type, Delegate getter, Annotations? annotations = null)
            {
                ArgumentNullException.ThrowIfNull(name);
                ArgumentNullException.ThrowIfNull(type);
                ArgumentNullException.ThrowIfNull(getter);
                if (getter.GetType() != typeof(ValueGetter<>).MakeGenericType(type.RawType))
                    throw new ArgumentException($"Getter of type '{getter.GetType()}' does not read the raw type '{type.RawType}' of annotation '{name}'.", nameof(getter));
                _items.Add((name, type, getter, annotations));
            }

            /// <summary>Adds a constant annotation.</summary>
            /// <typeparam name="TValue">Must be <paramref name="type"/>'s raw type.</typeparam>
            /// <param name="name">The annotation name.</param>
            /// <param name="type">The annotation type.</param>
            /// <param name="value">The constant value.</param>
            /// <param name="annotations">Annotations of the annotation, or <see langword="null"/>.</param>
            public void AddPrimitiveValue<TValue>(string name, PrimitiveDataViewType type, TValue value, Annotations? annotations = null)
                => Add(name, type, (ref TValue dst) => dst = value, annotations);

            /// <summary>Builds the annotations.</summary>
            /// <returns>A new <see cref="Annotations"/>.</returns>
            public Annotations ToAnnotations()
            {
                var schema = new DataViewSchema.Builder();
                foreach (var item in _items)
                    schema.AddColumn(item.Name, item.Type, item.Annotations);
                return new Annotations(schema.ToSchema(), _items.Select(i => i.Getter).ToArray());
            }
        }
    }
}
