using System.Reflection;

namespace Microsoft.ML.Data;

/// <summary>
/// Maps the public fields and properties of a row class to columns, for <c>LoadFromEnumerable</c> and <c>CreateEnumerable</c>.
/// Honours <see cref="ColumnNameAttribute"/>, <see cref="NoColumnAttribute"/> and <see cref="VectorTypeAttribute"/>.
/// Supported member types: float, double, sbyte…ulong, bool, DateTime, string and ReadOnlyMemory&lt;char&gt; (text),
/// arrays of those and <see cref="VBuffer{T}"/> (vectors: fixed size with <c>[VectorType(n)]</c>, otherwise variable).
/// </summary>
public sealed partial class SchemaDefinition : List<SchemaDefinition.Column>
{
    private SchemaDefinition()
    {
    }

    /// <summary>Which way values flow between objects and columns.</summary>
    [Flags]
    public enum Direction
    {
        /// <summary>Columns are read from objects (members need getters).</summary>
        Read = 1,

        /// <summary>Columns are written into objects (members need setters).</summary>
        Write = 2,

        /// <summary>Both.</summary>
        Both = Read | Write,
    }

    /// <summary>Builds the definition of <paramref name="userType"/>: public fields first, then public properties.</summary>
    /// <param name="userType">The row class.</param>
    /// <param name="direction">Which accessors members must have; members lacking them are skipped.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="InvalidOperationException">A member's type cannot be a column type; the message names the member.</exception>
    public static SchemaDefinition Create(Type userType, Direction direction = Direction.Both)
    {
        ArgumentNullException.ThrowIfNull(userType);
        var definition = new SchemaDefinition();
        var members = new List<MemberInfo>();
        foreach (var field in userType.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (field.IsInitOnly && direction.HasFlag(Direction.Write))
                continue;
            members.Add(field);
        }
        foreach (var property in userType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
                continue;
            if (direction.HasFlag(Direction.Read) && property.GetGetMethod() is null)
                continue;
            if (direction.HasFlag(Direction.Write) && property.GetSetMethod() is null)
                continue;
            members.Add(property);
        }
        foreach (var member in members)
        {
            if (member.GetCustomAttribute<NoColumnAttribute>() is not null)
                continue;
            var memberType = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            string name = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            var columnType = InferColumnType(member, memberType);
            definition.Add(new Column(member, memberType, name, columnType));
        }
        return definition;
    }

    /// <summary>The column named <paramref name="columnName"/>.</summary>
    /// <param name="columnName">The column name.</param>
    /// <exception cref="ArgumentOutOfRangeException">No column has that name.</exception>
    public Column this[string columnName]
        => this.FirstOrDefault(c => c.ColumnName == columnName)
           ?? throw new ArgumentOutOfRangeException(nameof(columnName), $"No column named '{columnName}' in the schema definition.");

    /// <summary>The item type for a CLR scalar member type, or null.</summary>
    internal static PrimitiveDataViewType? ItemTypeOf(Type type)
    {
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
            return TextDataViewType.Instance;
        if (type == typeof(bool))
            return BooleanDataViewType.Instance;
        if (type == typeof(DateTime))
            return DateTimeDataViewType.Instance;
        return NumberDataViewType.FromRawType(type);
    }

    private static DataViewType InferColumnType(MemberInfo member, Type memberType)
    {
        var vectorAttribute = member.GetCustomAttribute<VectorTypeAttribute>();
        Type? itemClr = memberType.IsArray && memberType.GetArrayRank() == 1 ? memberType.GetElementType()
            : memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(VBuffer<>) ? memberType.GetGenericArguments()[0]
            : null;
        if (itemClr is not null)
        {
            var item = ItemTypeOf(itemClr)
                ?? throw new InvalidOperationException($"Member '{member.Name}' has element type '{itemClr}', which cannot be a column item type.");
            if (itemClr == typeof(string) && memberType.IsGenericType)
                throw new InvalidOperationException($"Member '{member.Name}': use VBuffer<ReadOnlyMemory<char>> for text vectors, not VBuffer<string>.");
            int[] dims = vectorAttribute?.Dims is { Length: > 0 } d ? d : [0];
            return new VectorDataViewType(item, dims);
        }
        if (vectorAttribute is not null)
            throw new InvalidOperationException($"Member '{member.Name}' has [VectorType] but its type '{memberType}' is not an array or VBuffer.");
        return ItemTypeOf(memberType)
            ?? throw new InvalidOperationException($"Member '{member.Name}' has type '{memberType}', which cannot be mapped to a column type.");
    }
}
