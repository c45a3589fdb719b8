namespace Microsoft.ML.Data;

public sealed partial class TextLoader
{
    /// <summary>Text loader settings (public fields with ML.NET's defaults).</summary>
    public class Options
    {
        /// <summary>Whether fields may be quoted with <see cref="EscapeChar"/> (default false).</summary>
        public bool AllowQuoting = false;

        /// <summary>Whether lines may use the sparse format (default false; not supported by the stand-in).</summary>
        public bool AllowSparse = false;

        /// <summary>The number of fields, for ranges that end at the input's end.</summary>
        public int? InputSize;

        /// <summary>Field separators (default tab).</summary>
        public char[] Separators = ['\t'];

        /// <summary>The decimal marker: '.' (default) or ','.</summary>
        public char DecimalMarker = '.';

        /// <summary>The columns to load.</summary>
        public Column[]? Columns;

        /// <summary>Whether to trim spaces around fields (default false).</summary>
        public bool TrimWhitespace = false;

        /// <summary>Whether the first line of each file is a header to skip (default false).</summary>
        public bool HasHeader = false;

        /// <summary>Whether to parse on several threads (ignored by the stand-in, which parses on the cursor's thread).</summary>
        public bool UseThreads = true;

        /// <summary>Whether quoted fields may span lines (default false; not supported by the stand-in).</summary>
        public bool ReadMultilines = false;

        /// <summary>A file holding the header (not supported by the stand-in).</summary>
        public string? HeaderFile;

        /// <summary>The maximum number of rows to read, or null for all.</summary>
        public long? MaxRows;

        /// <summary>The character that escapes a quote inside a quoted field by doubling (default '"').</summary>
        public char EscapeChar = '"';

        /// <summary>Whether real-valued fields missing at the end of a short line read as NaN (true) or 0 (false, default).</summary>
        public bool MissingRealsAsNaNs = false;
    }
}
