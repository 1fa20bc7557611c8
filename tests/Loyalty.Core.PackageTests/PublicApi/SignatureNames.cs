using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>The generic parameter names in scope while decoding a signature.</summary>
internal readonly record struct GenericScope(ImmutableArray<string> TypeParameters, ImmutableArray<string> MethodParameters);

/// <summary>
/// Turns metadata signatures into C#-like type names: keywords for primitives, <c>T?</c> for Nullable&lt;T&gt;,
/// tuples as <c>(A, B)</c>, nested types as <c>Outer.Inner</c>, and other types by their simple name (the listing's
/// type headers carry the namespaces). Nullable reference annotations are not decoded. An <c>init</c> accessor's
/// IsExternalInit modifier comes out as the prefix <see cref="InitMarker"/>; other modifiers are dropped.
/// </summary>
internal sealed class SignatureNames(MetadataReader reader) : ISignatureTypeProvider<string, GenericScope>
{
    internal const string InitMarker = "[init]";

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.IntPtr => "nint",
        PrimitiveTypeCode.UIntPtr => "nuint",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.Void => "void",
        PrimitiveTypeCode.TypedReference => "TypedReference",
        _ => typeCode.ToString(),
    };

    public string GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var type = metadata.GetTypeDefinition(handle);
        string name = WithoutArity(metadata.GetString(type.Name));
        return type.GetDeclaringType() is { IsNil: false } outer ? $"{GetTypeFromDefinition(metadata, outer, 0)}.{name}" : Keyword(metadata.GetString(type.Namespace), name);
    }

    public string GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var type = metadata.GetTypeReference(handle);
        string name = WithoutArity(metadata.GetString(type.Name));
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{GetTypeFromReference(metadata, (TypeReferenceHandle)type.ResolutionScope, 0)}.{name}"
            : Keyword(metadata.GetString(type.Namespace), name);
    }

    public string GetTypeFromSpecification(MetadataReader metadata, GenericScope genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        metadata.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType switch
    {
        "Nullable" when typeArguments.Length == 1 => typeArguments[0] + "?",
        "ValueTuple" when typeArguments.Length > 1 => $"({string.Join(", ", typeArguments)})",
        _ => $"{genericType}<{string.Join(", ", typeArguments)}>",
    };

    public string GetArrayType(string elementType, ArrayShape shape) => $"{elementType}[{new string(',', shape.Rank - 1)}]";

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetByReferenceType(string elementType) => "ref " + elementType;

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetGenericTypeParameter(GenericScope genericContext, int index) => genericContext.TypeParameters[index];

    public string GetGenericMethodParameter(GenericScope genericContext, int index) => genericContext.MethodParameters[index];

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) =>
        isRequired && modifier == "IsExternalInit" ? InitMarker + unmodifiedType : unmodifiedType;

    public string GetFunctionPointerType(MethodSignature<string> signature) =>
        $"delegate*<{string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType))}>";

    /// <summary>The name of any type handle (definition, reference or specification).</summary>
    internal string Of(EntityHandle handle, GenericScope scope) => handle.Kind switch
    {
        HandleKind.TypeDefinition => GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeReference => GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeSpecification => GetTypeFromSpecification(reader, scope, (TypeSpecificationHandle)handle, 0),
        _ => throw new ArgumentException($"Not a type handle: {handle.Kind}.", nameof(handle)),
    };

    internal static string WithoutArity(string name) => name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? name[..tick] : name;

    // Types written as keywords in C# that reach signatures as type references (decimal always; the others when
    // they appear as generic arguments of a type specification or as attribute and constraint types).
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["Object"] = "object", ["String"] = "string", ["Void"] = "void", ["Boolean"] = "bool", ["Char"] = "char",
        ["SByte"] = "sbyte", ["Byte"] = "byte", ["Int16"] = "short", ["UInt16"] = "ushort", ["Int32"] = "int",
        ["UInt32"] = "uint", ["Int64"] = "long", ["UInt64"] = "ulong", ["Single"] = "float", ["Double"] = "double",
        ["Decimal"] = "decimal",
    };

    private static string Keyword(string ns, string name) =>
        ns == "System" && Keywords.TryGetValue(name, out var keyword) ? keyword : name;
}
