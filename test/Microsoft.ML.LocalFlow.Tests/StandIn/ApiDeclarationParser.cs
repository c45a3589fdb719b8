namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>
/// Parses the compacted C# declarations of the reference document (several declarations per line, `//` and `/* */` remarks,
/// `internal`/`private` lines, field initialisers with braces, nested and generic types) into <see cref="ApiType"/>s keyed like
/// <see cref="Type.FullName"/>. A declaration that cannot be parsed is recorded in <see cref="Errors"/> and skipped.
/// </summary>
internal sealed class ApiDeclarationParser
{
    private static readonly HashSet<string> s_modifiers =
    [
        "public", "private", "protected", "internal", "static", "sealed", "abstract", "readonly", "partial", "override",
        "virtual", "new", "ref", "unsafe", "const", "extern", "async", "volatile", "required", "file",
    ];

    internal static readonly Dictionary<string, string> Aliases = new()
    {
        ["Boolean"] = "bool", ["Byte"] = "byte", ["SByte"] = "sbyte", ["Char"] = "char", ["Decimal"] = "decimal",
        ["Double"] = "double", ["Single"] = "float", ["Int32"] = "int", ["UInt32"] = "uint", ["Int64"] = "long",
        ["UInt64"] = "ulong", ["Int16"] = "short", ["UInt16"] = "ushort", ["Object"] = "object", ["String"] = "string", ["Void"] = "void",
    };

    private List<ApiToken> _tokens = [];
    private int _pos;
    private string _section = "";
    private readonly Stack<ApiType> _typeStack = new();
    private ApiType? _lastClosed;
    private int _lastClosedLine = -1;

    public Dictionary<string, ApiType> Types { get; } = new(StringComparer.Ordinal);

    public List<string> Errors { get; } = [];

    public static ApiDeclarationParser ParseMarkdown(string markdown)
    {
        var parser = new ApiDeclarationParser();
        foreach (var (line, text, section) in ApiLexer.CodeBlocks(markdown))
            parser.ParseCode(text, line, section);
        return parser;
    }

    public void ParseCode(string code, int firstLine = 1, string section = "")
    {
        _tokens = ApiLexer.Tokenize(code, firstLine);
        _pos = 0;
        _section = section;
        _typeStack.Clear();
        _lastClosed = null;
        ParseMembers("", null);
        if (Cur is { } extra)
            Errors.Add($"line {extra.Line}: unexpected '{extra.Text}' at top level");
    }

    // ---- token navigation (comments are remarks of the enclosing or just-closed type) ----

    private ApiToken? Cur
    {
        get
        {
            while (_pos < _tokens.Count && _tokens[_pos].Kind == ApiTokenKind.Comment)
            {
                var comment = _tokens[_pos++];
                if (_lastClosed is not null && comment.Line == _lastClosedLine)
                    _lastClosed.Remarks.Add(comment.Text);
                else if (_typeStack.Count > 0)
                    _typeStack.Peek().Remarks.Add(comment.Text);
            }
            return _pos < _tokens.Count ? _tokens[_pos] : null;
        }
    }

    private ApiToken? PeekAt(int k)
    {
        _ = Cur;
        int p = _pos;
        for (int seen = 0; p < _tokens.Count; p++)
        {
            if (_tokens[p].Kind == ApiTokenKind.Comment)
                continue;
            if (seen++ == k)
                return _tokens[p];
        }
        return null;
    }

    private bool Is(string text) => Cur is { } t && t.Text == text && t.Kind is ApiTokenKind.Identifier or ApiTokenKind.Punct;

    private ApiToken Next() => Cur is { } t ? _tokens[_pos++] : throw new FormatException("unexpected end of block");

    private void Expect(string text)
    {
        var t = Cur ?? throw new FormatException($"expected '{text}' at end of block");
        if (t.Text != text)
            throw new FormatException($"line {t.Line}: expected '{text}', got '{t.Text}'");
        _pos++;
    }

    private string Ident()
    {
        var t = Cur ?? throw new FormatException("expected identifier at end of block");
        if (t.Kind != ApiTokenKind.Identifier)
            throw new FormatException($"line {t.Line}: expected identifier, got '{t.Text}'");
        _pos++;
        return t.Text;
    }

    // ---- declarations ----

    private void ParseMembers(string ns, ApiType? enclosing)
    {
        while (Cur is { } t && !(t.Text == "}" && t.Kind == ApiTokenKind.Punct))
        {
            int start = _pos;
            try
            {
                ParseDeclaration(ns, enclosing);
            }
            catch (FormatException e)
            {
                Errors.Add($"{_section}: {e.Message}");
                _pos = Math.Max(_pos, start + 1);
                Recover();
            }
        }
    }

    private void Recover()
    {
        int depth = 0;
        while (Cur is { } t)
        {
            if (t.Text == "{")
                depth++;
            else if (t.Text == "}")
            {
                if (depth == 0)
                    return;
                depth--;
                if (depth == 0)
                {
                    _pos++;
                    return;
                }
            }
            else if (t.Text == ";" && depth == 0)
            {
                _pos++;
                return;
            }
            _pos++;
        }
    }

    private void ParseDeclaration(string ns, ApiType? enclosing)
    {
        if (Is("namespace"))
        {
            Next();
            string name = Ident();
            while (Is("."))
            {
                Next();
                name += "." + Ident();
            }
            Expect("{");
            ParseMembers(name, null);
            Expect("}");
            return;
        }
        if (Is(";"))
        {
            Next();
            return;
        }
        while (Is("["))
            SkipBalanced("[", "]");
        var modifiers = new List<string>();
        while (Cur is { Kind: ApiTokenKind.Identifier } m && s_modifiers.Contains(m.Text) && !(m.Text == "new" && PeekAt(1)?.Text == "("))
            modifiers.Add(Next().Text);
        int line = Cur?.Line ?? 0;
        if (Is("class") || Is("struct") || Is("interface") || Is("enum") || Is("record"))
        {
            ParseType(ns, enclosing, modifiers);
            return;
        }
        if (Is("delegate"))
        {
            Next();
            ParseDelegate(ns, enclosing, modifiers, line);
            return;
        }
        if (enclosing is null)
            throw new FormatException($"line {line}: member '{Cur?.Text}' outside a type");
        if (Is("event"))
        {
            Next();
            string type = ParseTypeRef();
            string name = Ident();
            SkipPast(";");
            AddMember(enclosing, modifiers, new ApiMemberDraft(ApiMemberKind.Event, name, line) { ReturnType = type });
            return;
        }
        if (Is("~"))
        {
            SkipPast(")");
            SkipBody();
            return;
        }
        if (Cur is { Kind: ApiTokenKind.Identifier } ctor && ctor.Text == enclosing.Name && PeekAt(1)?.Text == "(")
        {
            Next();
            var parameters = ParseParameters("(", ")");
            if (Is(":"))
            {
                Next();
                Ident();
                SkipBalanced("(", ")");
            }
            SkipBody();
            AddMember(enclosing, modifiers, new ApiMemberDraft(ApiMemberKind.Constructor, ".ctor", line) { Parameters = parameters });
            return;
        }
        string returnType = ParseTypeRef();
        if (Is("this"))
        {
            Next();
            var parameters = ParseParameters("[", "]");
            var (get, set) = ParseAccessors();
            AddMember(enclosing, modifiers, new ApiMemberDraft(ApiMemberKind.Indexer, "Item", line)
            { ReturnType = returnType, Parameters = parameters, HasGetter = get, HasSetter = set });
            return;
        }
        if (Is("operator") || Is("implicit") || Is("explicit"))
        {
            SkipPast(")");
            SkipBody();
            return;
        }
        string memberName = Ident();
        bool explicitImpl = false;
        while (Is(".") || Is("<") && LooksLikeExplicitGeneric())
        {
            if (Is("<"))
                SkipBalanced("<", ">");
            Next();
            memberName = Ident();
            explicitImpl = true;
        }
        if (explicitImpl)
            modifiers.Add("private"); // explicit interface implementations are not public members
        var genericNames = new List<string>();
        if (Is("<"))
            genericNames = ParseGenericParameterList(out _);
        if (Is("("))
        {
            var parameters = ParseParameters("(", ")");
            while (Is("where"))
                SkipConstraint();
            SkipBody();
            AddMember(enclosing, modifiers, new ApiMemberDraft(ApiMemberKind.Method, memberName, line)
            { ReturnType = returnType, Parameters = parameters, GenericNames = genericNames });
            return;
        }
        if (Is("{"))
        {
            var (get, set) = ParseAccessors();
            if (Is("="))
                CollectUntil(";");
            if (Is(";"))
                Next();
            AddMember(enclosing, modifiers, new ApiMemberDraft(ApiMemberKind.Property, memberName, line) { ReturnType = returnType, HasGetter = get, HasSetter = set });
            return;
        }
        if (Is("=>"))
        {
            CollectUntil(";");
            Next();
            AddMember(enclosing, modifiers, new ApiMemberDraft(ApiMemberKind.Property, memberName, line) { ReturnType = returnType, HasGetter = true });
            return;
        }
        // Field(s): name [= value] {, name [= value]} ;
        while (true)
        {
            string? value = null;
            if (Is("="))
            {
                Next();
                value = CollectUntil(",", ";");
            }
            AddMember(enclosing, modifiers, new ApiMemberDraft(ApiMemberKind.Field, memberName, line) { ReturnType = returnType, ValueText = value });
            if (Is(","))
            {
                Next();
                memberName = Ident();
                continue;
            }
            Expect(";");
            return;
        }
    }

    private bool LooksLikeExplicitGeneric()
    {
        // "IFoo<T>.Bar(": a '<' followed later by '>' '.' before any '('.
        for (int k = 0; PeekAt(k) is { } t; k++)
        {
            if (t.Text == "(" || t.Text == ";" || t.Text == "{")
                return false;
            if (t.Text == ">" && PeekAt(k + 1)?.Text == ".")
                return true;
        }
        return false;
    }

    private void ParseType(string ns, ApiType? enclosing, List<string> modifiers)
    {
        string kind = Next().Text;
        if (kind == "record" && (Is("class") || Is("struct")))
            kind = Next().Text == "struct" ? "struct" : "class";
        int line = _tokens[_pos - 1].Line;
        string name = Ident();
        var variance = new List<string>();
        var generics = Is("<") ? ParseGenericParameterList(out variance) : [];
        if (Is("("))
            SkipBalanced("(", ")");
        var bases = new List<string>();
        if (Is(":"))
        {
            Next();
            bases.Add(ParseTypeRef());
            while (Is(","))
            {
                Next();
                bases.Add(ParseTypeRef());
            }
        }
        while (Is("where"))
            SkipConstraint();
        string arity = generics.Count > 0 ? "`" + generics.Count : "";
        string key = enclosing is null ? $"{ns}.{name}{arity}" : $"{enclosing.Key}+{name}{arity}";
        string visibility = Visibility(modifiers, enclosing);
        if (!Types.TryGetValue(key, out var type))
        {
            type = new ApiType { Key = key, Namespace = enclosing?.Namespace ?? ns, Name = name, Kind = kind, IsVisible = false, Section = _section, Line = line };
            Types[key] = type;
            type.GenericParameters.AddRange(generics);
            type.Variance.AddRange(variance);
        }
        type.Kind = kind;
        type.Visibility = visibility;
        type.IsVisible = IsVisible(visibility) && (enclosing is null || enclosing.IsVisible);
        foreach (var m in modifiers)
            type.Modifiers.Add(m);
        foreach (var b in bases)
        {
            if (!type.BaseTypes.Contains(b))
                type.BaseTypes.Add(b);
        }
        if (Is(";"))
        {
            Next();
            return;
        }
        Expect("{");
        _typeStack.Push(type);
        _lastClosed = null;
        try
        {
            if (kind == "enum")
                ParseEnumBody(type);
            else
                ParseMembers(type.Namespace, type);
        }
        finally
        {
            _typeStack.Pop();
        }
        int closeLine = Cur?.Line ?? -1;
        Expect("}");
        _lastClosed = type;
        _lastClosedLine = closeLine;
        if (Is(";"))
            Next();
    }

    private void ParseDelegate(string ns, ApiType? enclosing, List<string> modifiers, int line)
    {
        string returnType = ParseTypeRef();
        string name = Ident();
        var variance = new List<string>();
        var generics = Is("<") ? ParseGenericParameterList(out variance) : [];
        var parameters = ParseParameters("(", ")");
        while (Is("where"))
            SkipConstraint();
        Expect(";");
        string arity = generics.Count > 0 ? "`" + generics.Count : "";
        string key = enclosing is null ? $"{ns}.{name}{arity}" : $"{enclosing.Key}+{name}{arity}";
        string visibility = Visibility(modifiers, enclosing);
        var type = new ApiType { Key = key, Namespace = enclosing?.Namespace ?? ns, Name = name, Kind = "delegate", IsVisible = IsVisible(visibility), Visibility = visibility, Section = _section, Line = line };
        type.GenericParameters.AddRange(generics);
        type.Variance.AddRange(variance);
        type.Members.Add(new ApiMember { Kind = ApiMemberKind.Method, Name = "Invoke", IsVisible = true, Visibility = "public", ReturnType = returnType, Parameters = parameters, Line = line });
        Types[key] = type;
    }

    private void ParseEnumBody(ApiType type)
    {
        while (Cur is { } t && t.Text != "}")
        {
            while (Is("["))
                SkipBalanced("[", "]");
            int line = Cur!.Line;
            string name = Ident();
            string? value = null;
            if (Is("="))
            {
                Next();
                value = CollectUntil(",", "}");
            }
            type.Members.Add(new ApiMember { Kind = ApiMemberKind.EnumValue, Name = name, IsVisible = true, Visibility = "public", IsStatic = true, IsConst = true, ValueText = value, Line = line });
            if (Is(","))
                Next();
        }
    }

    private List<string> ParseGenericParameterList(out List<string> variance)
    {
        variance = [];
        var names = new List<string>();
        Expect("<");
        while (true)
        {
            while (Is("["))
                SkipBalanced("[", "]");
            string v = "";
            if (Is("in") || Is("out"))
                v = Next().Text;
            names.Add(Ident());
            variance.Add(v);
            if (Is(","))
            {
                Next();
                continue;
            }
            Expect(">");
            return names;
        }
    }

    private List<ApiParameter> ParseParameters(string open, string close)
    {
        var list = new List<ApiParameter>();
        Expect(open);
        if (Is(close))
        {
            Next();
            return list;
        }
        while (true)
        {
            while (Is("["))
                SkipBalanced("[", "]");
            string refKind = "";
            bool isParams = false, isThis = false;
            while (Is("this") || Is("params") || Is("ref") || Is("out") || Is("in") || Is("scoped") || Is("readonly"))
            {
                string m = Next().Text;
                if (m == "this")
                    isThis = true;
                else if (m == "params")
                    isParams = true;
                else if (m is "ref" or "out" or "in")
                    refKind = m;
            }
            string type = ParseTypeRef();
            string name = Ident();
            string? defaultText = null;
            if (Is("="))
            {
                Next();
                defaultText = CollectUntil(",", close);
            }
            list.Add(new ApiParameter(type, refKind, isParams, isThis, name, defaultText));
            if (Is(","))
            {
                Next();
                continue;
            }
            Expect(close);
            return list;
        }
    }

    private (bool Get, bool Set) ParseAccessors()
    {
        bool get = false, set = false;
        Expect("{");
        while (!Is("}"))
        {
            var mods = new List<string>();
            while (Is("private") || Is("internal") || Is("protected") || Is("public"))
                mods.Add(Next().Text);
            string accessor = Ident();
            bool visible = mods.Count == 0 || mods.Contains("public") || (mods.Contains("protected") && !mods.Contains("private"));
            if (accessor == "get")
                get |= visible;
            else if (accessor is "set" or "init")
                set |= visible;
            if (Is("=>"))
                CollectUntil(";");
            if (Is("{"))
                SkipBalanced("{", "}");
            else
                Expect(";");
        }
        Expect("}");
        return (get, set);
    }

    /// <summary>A type reference in normalised form: last name segment, keyword aliases, generic args, `?`, `[]`.</summary>
    private string ParseTypeRef()
    {
        if (Is("("))
        {
            SkipBalanced("(", ")");
            return "(tuple)";
        }
        string name = Ident();
        string args = "";
        while (true)
        {
            if (Is("<"))
            {
                Next();
                var list = new List<string> { ParseTypeRef() };
                while (Is(","))
                {
                    Next();
                    list.Add(ParseTypeRef());
                }
                Expect(">");
                args = "<" + string.Join(", ", list) + ">";
            }
            if (Is(".") && PeekAt(1)?.Kind == ApiTokenKind.Identifier)
            {
                // Qualifiers are kept (DataViewSchema.Column); the comparer resolves them against the declared types.
                Next();
                name = name + args + "." + Ident();
                args = "";
                continue;
            }
            break;
        }
        if (name.StartsWith("System.", StringComparison.Ordinal) && name.IndexOf('.', 7) < 0)
            name = name[7..];
        string result = (Aliases.TryGetValue(name, out var alias) ? alias : name) + args;
        while (true)
        {
            if (Is("?"))
            {
                Next();
                result += "?";
                continue;
            }
            if (Is("*"))
            {
                Next();
                result += "*";
                continue;
            }
            if (Is("[") && (PeekAt(1)?.Text is "]" or ","))
            {
                Next();
                string rank = "[";
                while (Is(","))
                {
                    Next();
                    rank += ",";
                }
                Expect("]");
                result += rank + "]";
                continue;
            }
            return result;
        }
    }

    private void SkipConstraint()
    {
        Expect("where");
        while (Cur is { } t && t.Text is not "{" and not ";" and not "=>" && !(t.Text == "where"))
        {
            if (t.Text == "(")
                SkipBalanced("(", ")");
            else
                _pos++;
        }
    }

    private void SkipBody()
    {
        if (Is(";"))
        {
            Next();
            return;
        }
        if (Is("=>"))
        {
            CollectUntil(";");
            Next();
            return;
        }
        if (Is("{"))
        {
            SkipBalanced("{", "}");
            return;
        }
        throw new FormatException($"line {Cur?.Line}: expected ';' or a body, got '{Cur?.Text}'");
    }

    private void SkipPast(string text)
    {
        while (Cur is { } t)
        {
            _pos++;
            if (t.Text == text)
                return;
        }
    }

    private void SkipBalanced(string open, string close)
    {
        Expect(open);
        int depth = 1;
        while (depth > 0)
        {
            var t = Next();
            if (t.Text == open)
                depth++;
            else if (t.Text == close)
                depth--;
        }
    }

    /// <summary>Collects token text until one of <paramref name="stops"/> at bracket depth 0 (not consumed).</summary>
    private string CollectUntil(params string[] stops)
    {
        var parts = new List<string>();
        int depth = 0;
        while (Cur is { } t)
        {
            if (depth == 0 && stops.Contains(t.Text) && t.Kind == ApiTokenKind.Punct)
                break;
            if (t.Text is "(" or "[" or "{")
                depth++;
            else if (t.Text is ")" or "]" or "}")
            {
                if (depth == 0)
                    break;
                depth--;
            }
            parts.Add(t.Text);
            _pos++;
        }
        return string.Join(" ", parts);
    }

    private static string Visibility(List<string> modifiers, ApiType? enclosing)
    {
        bool pub = modifiers.Contains("public"), prot = modifiers.Contains("protected"), priv = modifiers.Contains("private"), intl = modifiers.Contains("internal");
        if (pub)
            return "public";
        if (prot && priv)
            return "private protected";
        if (prot && intl)
            return "protected internal";
        if (prot)
            return "protected";
        if (intl)
            return "internal";
        if (priv)
            return "private";
        if (enclosing is null)
            return "internal";
        return enclosing.Kind is "interface" or "enum" ? "public" : "private";
    }

    internal static bool IsVisible(string visibility) => visibility is "public" or "protected" or "protected internal";

    private void AddMember(ApiType type, List<string> modifiers, ApiMemberDraft draft)
    {
        string visibility = Visibility(modifiers, type);
        type.Members.Add(new ApiMember
        {
            Kind = draft.Kind,
            Name = draft.Name,
            Visibility = visibility,
            IsVisible = IsVisible(visibility),
            IsStatic = modifiers.Contains("static") || modifiers.Contains("const"),
            IsReadOnly = modifiers.Contains("readonly"),
            IsConst = modifiers.Contains("const"),
            ReturnType = draft.ReturnType,
            Parameters = draft.Parameters,
            GenericParameterNames = draft.GenericNames,
            HasGetter = draft.HasGetter,
            HasSetter = draft.HasSetter,
            ValueText = draft.ValueText,
            Line = draft.Line,
        });
    }

    private sealed record ApiMemberDraft(ApiMemberKind Kind, string Name, int Line)
    {
        public string? ReturnType { get; init; }

        public List<ApiParameter> Parameters { get; init; } = [];

        public List<string> GenericNames { get; init; } = [];

        public bool HasGetter { get; init; }

        public bool HasSetter { get; init; }

        public string? ValueText { get; init; }
    }
}
