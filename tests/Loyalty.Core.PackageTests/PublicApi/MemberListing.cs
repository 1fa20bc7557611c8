using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>Renders one member of a type as a line of the listing, or null when a consumer cannot see it.</summary>
internal sealed class MemberListing(MetadataReader reader, SignatureNames names, GenericScope scope, Constraints constraints, bool inInterface, string typeName)
{
    private readonly Parameters _parameters = new(reader);

    internal string? Method(MethodDefinition method)
    {
        string name = reader.GetString(method.Name);
        string? access = Access.OfMember(method.Attributes);

        // Compiler-named members (a record's <Clone>$, shown as "record" on the type) are not written in C#.
        if (access is null || name == ".cctor" || name.Contains('<', StringComparison.Ordinal))
        {
            return null;
        }

        var methodScope = scope with { MethodParameters = method.GetGenericParameters().Select(p => reader.GetString(reader.GetGenericParameter(p).Name)).ToImmutableArray() };
        var signature = method.DecodeSignature(names, methodScope);
        bool isExtension = Attributes.Has(reader, method.GetCustomAttributes(), "ExtensionAttribute");
        string parameters = _parameters.Render(method, signature, isExtension);
        if (name == ".ctor")
        {
            return $"{access} {typeName}({parameters})";
        }

        string generics = methodScope.MethodParameters.Length > 0 ? $"<{string.Join(", ", methodScope.MethodParameters)}>" : string.Empty;
        return $"{access} {Modifiers(method.Attributes)}{signature.ReturnType} {name}{generics}({parameters}){constraints.Of(method.GetGenericParameters(), methodScope)}";
    }

    internal string? Property(PropertyDefinition property)
    {
        var accessors = property.GetAccessors();
        var getter = accessors.Getter.IsNil ? (MethodDefinition?)null : reader.GetMethodDefinition(accessors.Getter);
        var setter = accessors.Setter.IsNil ? (MethodDefinition?)null : reader.GetMethodDefinition(accessors.Setter);
        string? getAccess = getter is { } g ? Access.OfMember(g.Attributes) : null;
        string? setAccess = setter is { } s ? Access.OfMember(s.Attributes) : null;
        string? access = Access.Rank(getAccess) >= Access.Rank(setAccess) ? getAccess : setAccess;
        if (access is null)
        {
            return null;
        }

        var signature = property.DecodeSignature(names, scope);
        var first = (getAccess is not null ? getter : setter)!.Value;
        string required = Attributes.Has(reader, property.GetCustomAttributes(), "RequiredMemberAttribute") ? "required " : string.Empty;
        string name = signature.ParameterTypes.Length > 0
            ? $"this[{_parameters.Render(first, first.DecodeSignature(names, scope), isExtension: false)}]"
            : reader.GetString(property.Name);
        var parts = new List<string>();
        if (getAccess is not null)
        {
            parts.Add(getAccess == access ? "get;" : $"{getAccess} get;");
        }

        if (setAccess is not null)
        {
            bool init = setter!.Value.DecodeSignature(names, scope).ReturnType.StartsWith(SignatureNames.InitMarker, StringComparison.Ordinal);
            string verb = init ? "init;" : "set;";
            parts.Add(setAccess == access ? verb : $"{setAccess} {verb}");
        }

        return $"{access} {required}{Modifiers(first.Attributes)}{signature.ReturnType} {name} {{ {string.Join(' ', parts)} }}";
    }

    internal string? Event(EventDefinition e)
    {
        var adder = reader.GetMethodDefinition(e.GetAccessors().Adder);
        string? access = Access.OfMember(adder.Attributes);
        return access is null ? null : $"{access} {Modifiers(adder.Attributes)}event {names.Of(e.Type, scope)} {reader.GetString(e.Name)}";
    }

    internal string? Field(FieldDefinition field, bool inEnum)
    {
        string name = reader.GetString(field.Name);
        if (inEnum)
        {
            return (field.Attributes & FieldAttributes.Static) != 0 ? $"{name} = {Constants.Render(reader, field.GetDefaultValue())}" : null;
        }

        string? access = Access.OfField(field.Attributes);
        if (access is null)
        {
            return null;
        }

        string type = field.DecodeSignature(names, scope);
        if ((field.Attributes & FieldAttributes.Literal) != 0)
        {
            return $"{access} const {type} {name} = {Constants.Render(reader, field.GetDefaultValue())}";
        }

        string modifiers = ((field.Attributes & FieldAttributes.Static) != 0 ? "static " : string.Empty)
            + ((field.Attributes & FieldAttributes.InitOnly) != 0 ? "readonly " : string.Empty);
        return $"{access} {modifiers}{type} {name}";
    }

    /// <summary>static, abstract, virtual, override, sealed override — as C# would declare the member. Interface
    /// members are abstract by nature, so only static (and static abstract) are written there.</summary>
    private string Modifiers(MethodAttributes a)
    {
        bool isStatic = (a & MethodAttributes.Static) != 0;
        bool isAbstract = (a & MethodAttributes.Abstract) != 0;
        bool isVirtual = (a & MethodAttributes.Virtual) != 0;
        bool isFinal = (a & MethodAttributes.Final) != 0;
        bool isNewSlot = (a & MethodAttributes.NewSlot) != 0;
        if (inInterface)
        {
            return isStatic ? (isAbstract ? "static abstract " : isVirtual ? "static virtual " : "static ") : string.Empty;
        }

        return isStatic ? "static "
            : isAbstract ? (isNewSlot ? "abstract " : "abstract override ")
            : !isVirtual ? string.Empty
            : !isNewSlot ? (isFinal ? "sealed override " : "override ")
            : isFinal ? string.Empty // implements an interface member, not virtual in C#
            : "virtual ";
    }
}
