using System.Reflection;
using System.Reflection.Metadata;

namespace Loyalty.Core.PackageTests.PublicApi;

/// <summary>A method's parameter list as C# writes it: ref kinds, <c>this</c>, <c>params</c>, names and defaults.</summary>
internal sealed class Parameters(MetadataReader reader)
{
    internal string Render(MethodDefinition method, MethodSignature<string> signature, bool isExtension)
    {
        var byPosition = method.GetParameters().Select(reader.GetParameter).Where(p => p.SequenceNumber > 0).ToDictionary(p => p.SequenceNumber);
        var rendered = new List<string>(signature.ParameterTypes.Length);
        for (int i = 0; i < signature.ParameterTypes.Length; i++)
        {
            string type = signature.ParameterTypes[i];
            if (!byPosition.TryGetValue(i + 1, out var parameter))
            {
                rendered.Add(type);
                continue;
            }

            if (type.StartsWith("ref ", StringComparison.Ordinal))
            {
                if ((parameter.Attributes & ParameterAttributes.Out) != 0)
                {
                    type = "out " + type[4..];
                }
                else if ((parameter.Attributes & ParameterAttributes.In) != 0)
                {
                    type = "in " + type[4..];
                }
            }

            string prefix = i == 0 && isExtension ? "this "
                : Attributes.Has(reader, parameter.GetCustomAttributes(), "ParamArrayAttribute") ? "params "
                : string.Empty;
            string defaultValue = (parameter.Attributes & ParameterAttributes.HasDefault) != 0
                ? " = " + Constants.Render(reader, parameter.GetDefaultValue())
                : string.Empty;
            rendered.Add($"{prefix}{type} {reader.GetString(parameter.Name)}{defaultValue}");
        }

        return string.Join(", ", rendered);
    }
}
