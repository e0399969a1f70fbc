using Xunit.Abstractions;
using Xunit.Sdk;

namespace Garrison.Storage.Tests;

/// <summary>
/// A fact that skips, with the reason given, when its test class needs a server the environment does not name
/// (<see cref="RequiresEnvironmentAttribute"/>). The conformance suite's facts are inherited by every provider's
/// subclass, so the skip has to be decided per class at discovery; xunit 2 has no runtime skip for that.
/// </summary>
[XunitTestCaseDiscoverer("Garrison.Storage.Tests.ProviderFactDiscoverer", "Garrison.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;

/// <summary>The test class runs only when <paramref name="variable"/> is set; otherwise its provider facts skip saying why.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;

    public string Reason { get; } = reason;
}

public sealed class ProviderFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        if (requirement is not null)
        {
            var arguments = requirement.GetConstructorArguments().Cast<string>().ToArray();
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(arguments[0])))
            {
                return [new SkippedTestCase(diagnosticMessageSink, display, options, testMethod, $"{arguments[0]} is not set: {arguments[1]}")];
            }
        }

        return [new XunitTestCase(diagnosticMessageSink, display, options, testMethod)];
    }
}

/// <summary>A test case reported as skipped with a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string reason = "";

    [Obsolete("For deserialization only")]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string reason)
        : base(sink, display, options, method)
    {
        this.reason = reason;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        data.AddValue("SkipReason", reason);
        base.Serialize(data);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        reason = data.GetValue<string>("SkipReason");
        base.Deserialize(data);
    }
}
