using System.Reflection;

namespace Microsoft.ML.Data;

/// <summary>Builds text-loader columns from a row class: every public field/property needs [LoadColumn] unless it has [NoColumn].</summary>
internal static class TextColumnsFromType
{
    internal static TextLoader.Column[] Create(Type type)
    {
        var columns = new List<TextLoader.Column>();
        var members = type.GetFields(BindingFlags.Public | BindingFlags.Instance).Cast<MemberInfo>()
            .Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0));
        foreach (var member in members)
        {
            if (member.GetCustomAttribute<NoColumnAttribute>() is not null)
                continue;
            var load = member.GetCustomAttribute<LoadColumnAttribute>()
                ?? throw new InvalidOperationException($"Field or property '{member.Name}' of '{type.Name}' is missing the LoadColumn attribute.");
            var memberType = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            bool vector = memberType.IsArray || (memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(VBuffer<>));
            var itemType = memberType.IsArray ? memberType.GetElementType()! : vector ? memberType.GetGenericArguments()[0] : memberType;
            var kind = KindOf(itemType)
                ?? throw new InvalidOperationException($"Field or property '{member.Name}' has type '{memberType}', which a text file cannot be loaded into.");
            var ranges = load.Sources.Select(r => new TextLoader.Range
            {
                Min = r.Min,
                Max = r.Max,
                AutoEnd = r.AutoEnd,
                VariableEnd = r.VariableEnd,
                AllOther = r.AllOther,
                ForceVector = r.ForceVector || vector,
            }).ToArray();
            if (!vector && (ranges.Length != 1 || ranges[0].ForceVector))
                throw new InvalidOperationException($"Field or property '{member.Name}' loads several fields, so it must be an array.");
            string name = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            columns.Add(new TextLoader.Column(name, kind, ranges));
        }
        return columns.ToArray();
    }

    private static DataKind? KindOf(Type t)
        => t == typeof(float) ? DataKind.Single
        : t == typeof(double) ? DataKind.Double
        : t == typeof(string) || t == typeof(ReadOnlyMemory<char>) ? DataKind.String
        : t == typeof(bool) ? DataKind.Boolean
        : t == typeof(int) ? DataKind.Int32
        : t == typeof(long) ? DataKind.Int64
        : t == typeof(uint) ? DataKind.UInt32
        : t == typeof(ulong) ? DataKind.UInt64
        : t == typeof(short) ? DataKind.Int16
        : t == typeof(ushort) ? DataKind.UInt16
        : t == typeof(sbyte) ? DataKind.SByte
        : t == typeof(byte) ? DataKind.Byte
        : t == typeof(DateTime) ? DataKind.DateTime
        : null;
}
