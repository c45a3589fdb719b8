using System.Reflection;

namespace Microsoft.ML.Data;

public sealed partial class SchemaDefinition
{
    /// <summary>One member-to-column mapping. The column name and type may be changed before use.</summary>
    public sealed class Column
    {
        internal Column(MemberInfo member, Type memberType, string columnName, DataViewType columnType)
        {
            Member = member;
            MemberType = memberType;
            MemberName = member.Name;
            ColumnName = columnName;
            ColumnType = columnType;
        }

        /// <summary>The name of the field or property.</summary>
        public string MemberName { get; }

        /// <summary>The column name.</summary>
        public string ColumnName { get; set; }

        /// <summary>The column type.</summary>
        public DataViewType ColumnType { get; set; }

        internal MemberInfo Member { get; }

        internal Type MemberType { get; }
    }
}
