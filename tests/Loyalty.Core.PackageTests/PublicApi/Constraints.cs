using System.Reflection;
using System.Reflection.Metadata;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>Generic constraints as C# writes them: <c> where T : struct, IOp</c>.</summary>
internal sealed class Constraints(MetadataReader reader, SignatureNames names)
{
    // GenericParameterAttributes.AllowByRefLike, spelled out so the tests build on any target framework.
    private const GenericParameterAttributes AllowByRefLike = (GenericParameterAttributes)0x20;

    internal string Of(GenericParameterHandleCollection parameters, GenericScope scope)
    {
        var clauses = new List<string>();
        foreach (var handle in parameters)
        {
            var parameter = reader.GetGenericParameter(handle);
            var a = parameter.Attributes;
            var parts = new List<string>();
            bool isStruct = (a & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0;
            if ((a & GenericParameterAttributes.ReferenceTypeConstraint) != 0)
            {
                parts.Add("class");
            }

            if (isStruct)
            {
                parts.Add("struct");
            }

            parts.AddRange(parameter.GetConstraints()
                .Select(c => names.Of(reader.GetGenericParameterConstraint(c).Type, scope))
                .Where(c => !(isStruct && c == "ValueType"))
                .Order(StringComparer.Ordinal));
            if ((a & GenericParameterAttributes.DefaultConstructorConstraint) != 0 && !isStruct)
            {
                parts.Add("new()");
            }

            if ((a & AllowByRefLike) != 0)
            {
                parts.Add("allows ref struct");
            }

            if (parts.Count > 0)
            {
                clauses.Add($" where {reader.GetString(parameter.Name)} : {string.Join(", ", parts)}");
            }
        }

        return string.Concat(clauses);
    }
}
