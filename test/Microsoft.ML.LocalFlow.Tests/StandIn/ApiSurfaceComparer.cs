using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>
/// Compares the public/protected surface of an assembly with parsed declarations. Every visible type must be declared visible
/// (same namespace, nesting, kind, generic arity and variance; sealed/static/abstract/readonly/ref as declared; its base class and
/// public interfaces among the declared bases), and every visible member must match a visible declaration of that type by kind,
/// name, static-ness, generic arity, parameter count, parameter types and ref kinds, optional-ness and default values, return type,
/// accessors, readonly-ness and enum values. Overrides add no surface (their slot is checked on the base), and a class that declares
/// no constructor gets C#'s implicit one unless a remark says its constructors are internal or private.
/// </summary>
internal sealed partial class ApiSurfaceComparer(IReadOnlyDictionary<string, ApiType> declared)
{
    private const BindingFlags DeclaredMembers = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public List<string> Failures { get; } = [];

    public int TypesChecked { get; private set; }

    public int MembersChecked { get; private set; }

    public static bool IsVisibleOutside(Type t)
        => t.IsNested ? (t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem) && IsVisibleOutside(t.DeclaringType!) : t.IsPublic;

    private static bool Visible(MethodBase? m) => m is not null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);

    private static bool Visible(FieldInfo f) => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly;

    public void Compare(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(IsVisibleOutside).OrderBy(t => t.FullName, StringComparer.Ordinal))
            CompareType(type);
    }

    private void Fail(Type type, string message) => Failures.Add($"{type.FullName}: {message}");

    private void CompareType(Type type)
    {
        TypesChecked++;
        string key = type.FullName!;
        if (!declared.TryGetValue(key, out var doc))
        {
            var sameName = declared.Values.Where(d => d.Name == type.Name.Split('`')[0]).Select(d => d.Key).ToArray();
            Fail(type, "public type not declared by ML.NET" + (sameName.Length > 0 ? $" (declared as: {string.Join(", ", sameName)})" : ""));
            return;
        }
        if (!doc.IsVisible)
        {
            Fail(type, $"public here but '{doc.Visibility}' in ML.NET (line {doc.Line})");
            return;
        }
        string kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : typeof(Delegate).IsAssignableFrom(type) ? "delegate" : type.IsValueType ? "struct" : "class";
        if (kind != doc.Kind)
        {
            Fail(type, $"is a {kind}, ML.NET declares a {doc.Kind}");
            return;
        }
        if (kind == "class")
        {
            if (doc.Modifiers.Contains("static") && !(type.IsAbstract && type.IsSealed))
                Fail(type, "must be static");
            if (doc.Modifiers.Contains("sealed") && !type.IsSealed)
                Fail(type, "must be sealed");
            if (doc.Modifiers.Contains("abstract") && !type.IsAbstract)
                Fail(type, "must be abstract");
        }
        if (kind == "struct")
        {
            if (doc.Modifiers.Contains("readonly") && !type.IsDefined(typeof(IsReadOnlyAttribute)))
                Fail(type, "must be a readonly struct");
            if (doc.Modifiers.Contains("ref") != type.IsByRefLike)
                Fail(type, doc.Modifiers.Contains("ref") ? "must be a ref struct" : "must not be a ref struct");
        }
        var generics = type.IsGenericTypeDefinition ? type.GetGenericArguments() : [];
        if (generics.Length != doc.GenericParameters.Count)
            Fail(type, $"has {generics.Length} type parameters, ML.NET {doc.GenericParameters.Count}");
        else
        {
            for (int i = 0; i < generics.Length; i++)
            {
                var attrs = generics[i].GenericParameterAttributes & GenericParameterAttributes.VarianceMask;
                string variance = attrs == GenericParameterAttributes.Covariant ? "out" : attrs == GenericParameterAttributes.Contravariant ? "in" : "";
                if (variance != doc.Variance[i])
                    Fail(type, $"type parameter {i} has variance '{variance}', ML.NET '{doc.Variance[i]}'");
            }
        }
        CompareBases(type, doc);
        if (kind == "delegate")
        {
            CompareMethod(type, doc, type.GetMethod("Invoke")!, "Invoke");
            return;
        }
        if (kind == "enum")
        {
            CompareEnum(type, doc);
            return;
        }
        CompareMembers(type, doc);
    }

    private void CompareBases(Type type, ApiType doc)
    {
        var declaredBases = doc.BaseTypes.Select(b => Regex.Replace(b, "<.*>", "").Split('.')[^1]).ToHashSet();
        if (type.IsClass && type.BaseType is { } baseType && baseType != typeof(object) && !typeof(Delegate).IsAssignableFrom(type)
            && !declaredBases.Contains(SimpleName(baseType)))
            Fail(type, $"derives from {SimpleName(baseType)}, ML.NET declares bases [{string.Join(", ", doc.BaseTypes)}]");
        // Interfaces: each public interface must be declared, or implied by a declared base (including internal ones such as
        // IHostEnvironmentInternal, whose public ancestors ML.NET's type therefore implements too).
        var allowed = new HashSet<Type>();
        if (type.BaseType is { } b0)
            allowed.UnionWith(b0.GetInterfaces());
        foreach (var i in type.GetInterfaces())
        {
            if (declaredBases.Contains(SimpleName(i)))
            {
                allowed.Add(i);
                allowed.UnionWith(i.GetInterfaces());
            }
        }
        foreach (var i in type.GetInterfaces())
        {
            if (!allowed.Contains(i) && IsVisibleOutside(i.IsGenericType ? i.GetGenericTypeDefinition() : i))
                Fail(type, $"implements {Format(i, [], [])}, which ML.NET does not declare (bases: [{string.Join(", ", doc.BaseTypes)}])");
        }
    }

    private void CompareEnum(Type type, ApiType doc)
    {
        var docValues = EvaluateEnum(doc);
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            MembersChecked++;
            if (!docValues.TryGetValue(field.Name, out long docValue))
            {
                Fail(type, $"enum member {field.Name} not declared by ML.NET");
                continue;
            }
            long ours = Convert.ToInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture);
            if (docValue != long.MinValue && ours != docValue)
                Fail(type, $"enum member {field.Name} = {ours}, ML.NET {docValue}");
        }
    }

    private void CompareMembers(Type type, ApiType doc)
    {
        foreach (var ctor in type.GetConstructors(DeclaredMembers).Where(c => !c.IsStatic && Visible(c)))
        {
            MembersChecked++;
            if (ctor.GetParameters().Length == 0 && !doc.DeclaresConstructor && !HasConstructorRemark(doc) && !type.IsValueType)
                continue; // C#'s implicit default constructor of a class that declares none
            MatchOrFail(type, doc, ApiMemberKind.Constructor, ".ctor", ctor, d => MatchParameters(ctor, null, d, type));
        }
        // Property and event accessors are checked with their property or event; operators (also "special names") are checked here.
        var accessors = type.GetProperties(DeclaredMembers).SelectMany(p => p.GetAccessors(nonPublic: true))
            .Concat(type.GetEvents(DeclaredMembers).SelectMany(e => new[] { e.AddMethod, e.RemoveMethod, e.RaiseMethod }))
            .Where(m => m is not null).ToHashSet();
        foreach (var method in type.GetMethods(DeclaredMembers).Where(m => Visible(m) && !accessors.Contains(m)))
        {
            if (IsOverride(method))
                continue;
            CompareMethod(type, doc, method, method.Name);
        }
        foreach (var property in type.GetProperties(DeclaredMembers))
        {
            var getter = property.GetMethod;
            var setter = property.SetMethod;
            bool get = Visible(getter), set = Visible(setter);
            if (!get && !set)
                continue;
            if ((getter ?? setter) is { } accessor && IsOverride(accessor))
                continue;
            MembersChecked++;
            var indexParams = property.GetIndexParameters();
            var kind = indexParams.Length > 0 ? ApiMemberKind.Indexer : ApiMemberKind.Property;
            bool isStatic = (getter ?? setter)!.IsStatic;
            MatchOrFail(type, doc, kind, property.Name, property, d =>
            {
                if (d.IsStatic != isStatic)
                    return "static-ness differs";
                if (set && !d.HasSetter)
                    return "has a public setter; ML.NET's has none";
                if (get && !d.HasGetter)
                    return "has a public getter; ML.NET's has none";
                if (!TypesEqual(d.ReturnType, property.PropertyType, doc, d, type, null))
                    return $"type {Format(property.PropertyType, GenericsOf(type), [])}, ML.NET {d.ReturnType}";
                return kind == ApiMemberKind.Indexer ? MatchParameters(getter ?? setter!, indexParams, d, type) : null;
            });
        }
        foreach (var field in type.GetFields(DeclaredMembers).Where(f => Visible(f) && !f.IsSpecialName))
        {
            MembersChecked++;
            MatchOrFail(type, doc, ApiMemberKind.Field, field.Name, field, d =>
            {
                if (d.IsStatic != field.IsStatic)
                    return "static-ness differs";
                if (d.IsReadOnly && !field.IsInitOnly)
                    return "must be readonly";
                if (d.IsConst != field.IsLiteral)
                    return "const-ness differs";
                return TypesEqual(d.ReturnType, field.FieldType, doc, d, type, null) ? null : $"type {Format(field.FieldType, GenericsOf(type), [])}, ML.NET {d.ReturnType}";
            });
        }
        foreach (var ev in type.GetEvents(DeclaredMembers).Where(e => Visible(e.AddMethod)))
        {
            MembersChecked++;
            MatchOrFail(type, doc, ApiMemberKind.Event, ev.Name, ev, d =>
                TypesEqual(d.ReturnType, ev.EventHandlerType!, doc, d, type, null) ? null : $"type {Format(ev.EventHandlerType!, GenericsOf(type), [])}, ML.NET {d.ReturnType}");
        }
    }

    private void CompareMethod(Type type, ApiType doc, MethodInfo method, string name)
    {
        MembersChecked++;
        MatchOrFail(type, doc, ApiMemberKind.Method, name, method, d =>
        {
            if (d.IsStatic != method.IsStatic && doc.Kind != "delegate")
                return "static-ness differs";
            int arity = method.IsGenericMethodDefinition ? method.GetGenericArguments().Length : 0;
            if (arity != d.GenericArity)
                return $"{arity} type parameters, ML.NET {d.GenericArity}";
            if (d.IsExtension != method.IsDefined(typeof(ExtensionAttribute)))
                return "extension-ness differs";
            if (!TypesEqual(d.ReturnType, method.ReturnType, doc, d, type, method))
                return $"returns {Format(method.ReturnType, GenericsOf(type), MethodGenerics(method))}, ML.NET {d.ReturnType}";
            return MatchParameters(method, null, d, type);
        });
    }

    private void MatchOrFail(Type type, ApiType doc, ApiMemberKind kind, string name, MemberInfo member, Func<ApiMember, string?> match)
    {
        var candidates = doc.Members.Where(m => m.Kind == kind && m.Name == name && m.IsVisible).ToList();
        string what = $"{kind} {(kind == ApiMemberKind.Constructor ? type.Name : name)}{Signature(member, type)}";
        if (candidates.Count == 0)
        {
            var hidden = doc.Members.FirstOrDefault(m => m.Name == name && m.Kind == kind);
            Fail(type, hidden is null ? $"{what} is not declared by ML.NET" : $"{what} is public here but '{hidden.Visibility}' in ML.NET (line {hidden.Line})");
            return;
        }
        var reasons = new List<string>();
        foreach (var candidate in candidates)
        {
            var reason = match(candidate);
            if (reason is null)
                return;
            reasons.Add($"[line {candidate.Line}] {reason}");
        }
        var hiddenMatch = doc.Members.FirstOrDefault(m => m.Kind == kind && m.Name == name && !m.IsVisible && match(m) is null);
        if (hiddenMatch is not null)
            Fail(type, $"{what} is public here but '{hiddenMatch.Visibility}' in ML.NET (line {hiddenMatch.Line})");
        else
            Fail(type, $"{what} matches no ML.NET declaration: {string.Join("; ", reasons)}");
    }

    private string? MatchParameters(MethodBase method, ParameterInfo[]? indexParameters, ApiMember doc, Type type)
    {
        var ours = indexParameters ?? method.GetParameters();
        if (ours.Length != doc.Parameters.Count)
            return $"{ours.Length} parameters, ML.NET {doc.Parameters.Count}";
        var docType = declared[type.FullName!];
        for (int i = 0; i < ours.Length; i++)
        {
            var p = ours[i];
            var d = doc.Parameters[i];
            string refKind = !p.ParameterType.IsByRef ? "" : p.IsOut ? "out" : p.IsIn || p.IsDefined(typeof(IsReadOnlyAttribute)) ? "in" : "ref";
            if (refKind != d.RefKind)
                return $"parameter {p.Name}: '{refKind}', ML.NET '{d.RefKind}'";
            if (!TypesEqual(d.Type, p.ParameterType, docType, doc, type, method as MethodInfo))
                return $"parameter {p.Name}: type {Format(p.ParameterType, GenericsOf(type), MethodGenerics(method))}, ML.NET {d.Type}";
            bool optional = p.HasDefaultValue || p.IsOptional;
            if (optional != (d.DefaultText is not null))
                return $"parameter {p.Name}: {(optional ? "optional" : "required")} here, {(d.DefaultText is null ? "required" : "optional")} in ML.NET";
            if (d.DefaultText is not null && !DefaultsEqual(d.DefaultText, p))
                return $"parameter {p.Name}: default {FormatDefault(p)}, ML.NET {d.DefaultText}";
            if (d.IsParams != p.IsDefined(typeof(ParamArrayAttribute)))
                return $"parameter {p.Name}: params-ness differs";
        }
        return null;
    }

    private static bool HasConstructorRemark(ApiType doc)
        => doc.Remarks.Any(r => CtorRemark().IsMatch(r));

    [GeneratedRegex(@"\b(internal|private)\s+ctors?\b|\bctors?\b[^.;]*\b(internal|private)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CtorRemark();

    private static bool IsOverride(MethodInfo method) => method.GetBaseDefinition().DeclaringType != method.DeclaringType;

    private static Type[] GenericsOf(Type type) => type.IsGenericTypeDefinition ? type.GetGenericArguments() : [];

    private static Type[] MethodGenerics(MethodBase method) => method.IsGenericMethodDefinition ? method.GetGenericArguments() : [];

    private bool TypesEqual(string? docType, Type ours, ApiType docOwner, ApiMember docMember, Type owner, MethodInfo? method)
    {
        if (docType is null || docType == "(tuple)")
            return true;
        string expected = Resolve(docType, docOwner, docMember);
        for (int i = 0; i < docMember.GenericParameterNames.Count; i++)
            expected = Regex.Replace(expected, $@"\b{Regex.Escape(docMember.GenericParameterNames[i])}\b", "!!" + i);
        for (int i = 0; i < docOwner.GenericParameters.Count; i++)
            expected = Regex.Replace(expected, $@"(?<!!)\b{Regex.Escape(docOwner.GenericParameters[i])}\b", "!" + i);
        // A nullable annotation on a reference type is not part of the CLR signature.
        string actual = Format(ours, GenericsOf(owner), method is null ? [] : MethodGenerics(method));
        return expected == actual || expected.TrimEnd('?') == actual && !(ours.IsValueType || ours.IsGenericParameter);
    }

    /// <summary>
    /// Rewrites every type name in a declared type reference to its nesting path (DataViewSchema.Column) when it resolves to a
    /// declared type (C# lookup: the enclosing types outward, then the namespaces), and to its last segment otherwise (BCL types).
    /// </summary>
    private string Resolve(string docType, ApiType owner, ApiMember member)
        => TypeNamePath().Replace(docType, m =>
        {
            string path = m.Value;
            if (member.GenericParameterNames.Contains(path) || owner.GenericParameters.Contains(path) || ApiDeclarationParser.Aliases.ContainsValue(path))
                return path;
            return ResolvePath(path.Split('.'), owner.Key) ?? path.Split('.')[^1];
        });

    private string? ResolvePath(string[] segments, string contextKey)
    {
        _index ??= declared.Keys.GroupBy(StripArity).ToDictionary(g => g.Key, g => g.First());
        // Enclosing types, innermost first.
        for (string? scope = contextKey; scope is not null; scope = scope.Contains('+') ? scope[..scope.LastIndexOf('+')] : null)
        {
            if (Find(StripArity(scope) + "+" + string.Join("+", segments)) is { } nested)
                return nested;
        }
        // Namespaces: the path may start with part of a namespace (SearchSpace.SearchSpace).
        foreach (var ns in declared.Values.Select(t => t.Namespace).Distinct())
        {
            for (int k = 0; k < segments.Length; k++)
            {
                if (k > 0 && !ns.EndsWith(string.Join(".", segments[..k]), StringComparison.Ordinal))
                    continue;
                if (Find(ns + "." + string.Join("+", segments[k..])) is { } found)
                    return found;
            }
        }
        return null;

        string? Find(string keyWithoutArity)
            => _index.TryGetValue(keyWithoutArity, out var key) ? StripArity(key[(declared[key].Namespace.Length + 1)..]).Replace('+', '.') : null;
    }

    private Dictionary<string, string>? _index;

    private static string StripArity(string key) => Regex.Replace(key, "`[0-9]+", "");

    [GeneratedRegex(@"(?<![!\w])[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")]
    private static partial Regex TypeNamePath();

    internal static string SimpleName(Type t) => Regex.Replace(t.Name, "`.*", "");

    internal static string Format(Type t, Type[] typeGenerics, Type[] methodGenerics)
    {
        if (t.IsByRef)
            return Format(t.GetElementType()!, typeGenerics, methodGenerics);
        if (t.IsGenericParameter)
            return t.DeclaringMethod is not null ? "!!" + t.GenericParameterPosition : "!" + t.GenericParameterPosition;
        if (Nullable.GetUnderlyingType(t) is { } underlying)
            return Format(underlying, typeGenerics, methodGenerics) + "?";
        if (t.IsArray)
            return Format(t.GetElementType()!, typeGenerics, methodGenerics) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
        if (t.IsPointer)
            return Format(t.GetElementType()!, typeGenerics, methodGenerics) + "*";
        string name = SimpleName(t);
        // Types of the stand-in are written with their nesting (DataViewSchema.Column), so that same-named nested types differ.
        if (t.Assembly == typeof(MLContext).Assembly)
        {
            for (var outer = t.DeclaringType; outer is not null; outer = outer.DeclaringType)
                name = SimpleName(outer) + "." + name;
        }
        if (t.Namespace == "System" && ApiDeclarationParser.Aliases.TryGetValue(name, out var alias))
            name = alias;
        if (!t.IsGenericType)
            return name;
        // Only the type's own arguments (a nested type's inherited ones are not written in C#).
        var args = t.GetGenericArguments();
        int own = t.IsNested && t.DeclaringType!.IsGenericType ? args.Length - t.DeclaringType.GetGenericArguments().Length : args.Length;
        return own == 0 ? name : name + "<" + string.Join(", ", args.Skip(args.Length - own).Select(a => Format(a, typeGenerics, methodGenerics))) + ">";
    }

    private static string Signature(MemberInfo member, Type owner) => member switch
    {
        MethodBase m => "(" + string.Join(", ", m.GetParameters().Select(p => Format(p.ParameterType, GenericsOf(owner), MethodGenerics(m)))) + ")",
        PropertyInfo p when p.GetIndexParameters().Length > 0 => "[" + string.Join(", ", p.GetIndexParameters().Select(x => Format(x.ParameterType, GenericsOf(owner), []))) + "]",
        _ => "",
    };

    private static string FormatDefault(ParameterInfo p) => p.DefaultValue switch { null => "null", char c => $"'{c}'", var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "?" };
}
