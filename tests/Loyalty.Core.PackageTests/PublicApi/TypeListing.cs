using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>One visible type of a listing: its declaration line and its visible members, one line each.</summary>
internal sealed class TypeListing
{
    private readonly MetadataReader _reader;
    private readonly TypeDefinition _type;
    private readonly SignatureNames _names;
    private readonly GenericScope _scope;
    private readonly Constraints _constraints;

    internal TypeListing(MetadataReader reader, TypeDefinition type)
    {
        _reader = reader;
        _type = type;
        _names = new SignatureNames(reader);
        _constraints = new Constraints(reader, _names);
        _scope = new GenericScope(type.GetGenericParameters().Select(p => reader.GetString(reader.GetGenericParameter(p).Name)).ToImmutableArray(), []);
        string generics = _scope.TypeParameters.Length > 0 ? $"<{string.Join(", ", _scope.TypeParameters)}>" : string.Empty;
        FullName = Qualified(type) + generics;
    }

    /// <summary>Namespace, enclosing types and name, with generic parameters: <c>Loyalty.Core.Outer.Inner&lt;T&gt;</c>.</summary>
    internal string FullName { get; }

    private string BaseName => BaseType is { } b ? b : string.Empty;

    private string? BaseType => _type.BaseType.IsNil ? null : _names.Of(_type.BaseType, _scope);

    private bool IsInterface => (_type.Attributes & TypeAttributes.Interface) != 0;

    private bool IsSealed => (_type.Attributes & TypeAttributes.Sealed) != 0;

    private bool IsAbstract => (_type.Attributes & TypeAttributes.Abstract) != 0;

    /// <summary>e.g. <c>public sealed record Loyalty.Core.Features.RfmOptions : IEquatable&lt;RfmOptions&gt;</c>.</summary>
    internal string Declaration
    {
        get
        {
            string access = Access.OfType(_type.Attributes);
            if (BaseName == "MulticastDelegate")
            {
                var invoke = Methods().Single(m => _reader.GetString(m.Name) == "Invoke");
                var signature = invoke.DecodeSignature(_names, _scope);
                return $"{access} delegate {signature.ReturnType} {FullName}({new Parameters(_reader).Render(invoke, signature, isExtension: false)}){_constraints.Of(_type.GetGenericParameters(), _scope)}";
            }

            string kind = IsInterface ? "interface"
                : BaseName == "Enum" ? "enum"
                : BaseName == "ValueType" ? (Attributes.Has(_reader, _type.GetCustomAttributes(), "IsReadOnlyAttribute") ? "readonly struct" : "struct")
                : Methods().Any(m => _reader.GetString(m.Name) == "<Clone>$") ? "record"
                : "class";
            string modifiers = IsInterface || kind != "class" && kind != "record" ? string.Empty
                : IsAbstract && IsSealed ? "static "
                : IsAbstract ? "abstract "
                : IsSealed ? "sealed "
                : string.Empty;
            var bases = new List<string>();
            if (BaseType is { } b && b is not ("object" or "ValueType" or "Enum"))
            {
                bases.Add(b);
            }

            bases.AddRange(_type.GetInterfaceImplementations()
                .Select(i => _names.Of(_reader.GetInterfaceImplementation(i).Interface, _scope))
                .Order(StringComparer.Ordinal));
            string inheritance = bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty;
            return $"{access} {modifiers}{kind} {FullName}{inheritance}{_constraints.Of(_type.GetGenericParameters(), _scope)}";
        }
    }

    /// <summary>The visible members, sorted by name and then by text (overloads).</summary>
    internal IEnumerable<string> Members()
    {
        if (BaseName == "MulticastDelegate")
        {
            return [];
        }

        var members = new List<(string Name, string Text)>();
        var accessors = new HashSet<MethodDefinitionHandle>();
        var memberListing = new MemberListing(_reader, _names, _scope, _constraints, IsInterface, SignatureNames.WithoutArity(_reader.GetString(_type.Name)));

        foreach (var handle in _type.GetProperties())
        {
            var property = _reader.GetPropertyDefinition(handle);
            var a = property.GetAccessors();
            accessors.UnionWith(new[] { a.Getter, a.Setter }.Where(h => !h.IsNil));
            if (memberListing.Property(property) is { } text)
            {
                members.Add((_reader.GetString(property.Name), text));
            }
        }

        foreach (var handle in _type.GetEvents())
        {
            var e = _reader.GetEventDefinition(handle);
            var a = e.GetAccessors();
            accessors.UnionWith(new[] { a.Adder, a.Remover, a.Raiser }.Where(h => !h.IsNil));
            if (memberListing.Event(e) is { } text)
            {
                members.Add((_reader.GetString(e.Name), text));
            }
        }

        foreach (var handle in _type.GetMethods().Where(h => !accessors.Contains(h)))
        {
            var method = _reader.GetMethodDefinition(handle);
            if (memberListing.Method(method) is { } text)
            {
                string name = _reader.GetString(method.Name);
                members.Add((name == ".ctor" ? string.Empty : name, text));
            }
        }

        bool isEnum = BaseName == "Enum";
        foreach (var handle in _type.GetFields())
        {
            var field = _reader.GetFieldDefinition(handle);
            if (memberListing.Field(field, isEnum) is { } text)
            {
                members.Add((_reader.GetString(field.Name), text));
            }
        }

        // Enum members keep their declaration (value) order; everything else is sorted by name, then text.
        return isEnum
            ? members.Select(m => m.Text)
            : members.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Text, StringComparer.Ordinal).Select(m => m.Text);
    }

    private IEnumerable<MethodDefinition> Methods() => _type.GetMethods().Select(_reader.GetMethodDefinition);

    private string Qualified(TypeDefinition type)
    {
        string name = SignatureNames.WithoutArity(_reader.GetString(type.Name));
        if (type.GetDeclaringType() is { IsNil: false } outer)
        {
            return $"{Qualified(_reader.GetTypeDefinition(outer))}.{name}";
        }

        string ns = _reader.GetString(type.Namespace);
        return ns.Length > 0 ? $"{ns}.{name}" : name;
    }
}
