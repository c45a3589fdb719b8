namespace Microsoft.ML.LocalFlow.Tests.StandIn;

internal enum ApiMemberKind
{
    Constructor,
    Method,
    Property,
    Indexer,
    Field,
    Event,
    EnumValue,
}

/// <summary>A parameter as declared: normalised type text (<see langword="null"/> if unparsed), ref kind, params/this, default text.</summary>
internal sealed record ApiParameter(string? Type, string RefKind, bool IsParams, bool IsThis, string Name, string? DefaultText);

/// <summary>A declared member.</summary>
internal sealed class ApiMember
{
    public required ApiMemberKind Kind { get; init; }

    public required string Name { get; init; }

    public required bool IsVisible { get; init; }

    public required string Visibility { get; init; }

    public bool IsStatic { get; init; }

    public bool IsReadOnly { get; init; }

    public bool IsConst { get; init; }

    public int GenericArity => GenericParameterNames.Count;

    public List<string> GenericParameterNames { get; init; } = [];

    public bool IsExtension => Parameters.Count > 0 && Parameters[0].IsThis;

    public string? ReturnType { get; init; }

    public List<ApiParameter> Parameters { get; init; } = [];

    public bool HasGetter { get; init; }

    public bool HasSetter { get; init; }

    public string? ValueText { get; init; }

    public int Line { get; init; }

    public override string ToString()
        => $"{Visibility} {(IsStatic ? "static " : "")}{Kind} {Name}{(GenericArity > 0 ? $"`{GenericArity}" : "")}({string.Join(", ", Parameters.Select(p => p.Type))}) [line {Line}]";
}

/// <summary>A declared type; <see cref="Key"/> has the same form as <see cref="Type.FullName"/> of a generic type definition.</summary>
internal sealed class ApiType
{
    public required string Key { get; init; }

    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public required string Kind { get; set; }

    public required bool IsVisible { get; set; }

    public string Visibility { get; set; } = "";

    public HashSet<string> Modifiers { get; } = [];

    public List<string> GenericParameters { get; } = [];

    public List<string> Variance { get; } = [];

    public List<string> BaseTypes { get; } = [];

    public List<ApiMember> Members { get; } = [];

    public List<string> Remarks { get; } = [];

    public bool DeclaresConstructor => Members.Any(m => m.Kind == ApiMemberKind.Constructor);

    public string Section { get; set; } = "";

    public int Line { get; set; }

    public override string ToString() => $"{Kind} {Key} [line {Line}, {Section}]";
}
