using System.Reflection;
using FluentValidation;
using Mediator;
using NetArchTest.Rules;

namespace NotesSync.ArchitectureTests;

/// <summary>Dependencies point inwards: Web → Application → Domain, and Infrastructure implements Application's ports.</summary>
public class LayerTests
{
    private static readonly Assembly Domain = typeof(NotesSync.Domain.Accounts.SyncAccount).Assembly;
    private static readonly Assembly Application = typeof(NotesSync.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(NotesSync.Infrastructure.DependencyInjection).Assembly;

    private static void AssertHolds(TestResult result, string rule) =>
        Assert.True(result.IsSuccessful, $"{rule}: {string.Join(", ", result.FailingTypeNames ?? [])}");

    [Fact]
    public void The_domain_depends_on_no_other_layer_and_no_framework()
    {
        AssertHolds(Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(
            "NotesSync.Application", "NotesSync.Infrastructure", "NotesSync.Web",
            "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Mediator", "FluentValidation",
            "System.Net.Http", "System.Text.Json", "Hangfire").GetResult(), "Domain stays pure");
    }

    [Fact]
    public void The_application_layer_does_not_reach_infrastructure_or_web()
    {
        AssertHolds(Types.InAssembly(Application).ShouldNot().HaveDependencyOnAny(
            "NotesSync.Infrastructure", "NotesSync.Web", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore",
            "System.Net.Http", "Hangfire").GetResult(), "Application knows only ports");
    }

    [Fact]
    public void Infrastructure_does_not_reach_the_web_host()
    {
        AssertHolds(Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("NotesSync.Web").GetResult(),
            "Infrastructure does not depend on Web");
    }

    [Fact]
    public void Each_handler_lives_in_the_folder_of_the_message_it_handles()
    {
        var misplaced = HandlerTypes()
            .Select(h => (Handler: h, Message: MessageOf(h)))
            .Where(p => p.Handler.Namespace != p.Message.Namespace)
            .Select(p => $"{p.Handler.Name} ({p.Handler.Namespace}) handles {p.Message.Name} ({p.Message.Namespace})")
            .ToList();

        Assert.NotEmpty(HandlerTypes());
        Assert.Empty(misplaced);
    }

    [Fact]
    public void Each_validator_lives_beside_the_message_it_validates()
    {
        var validators = Application.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .ToList();
        var misplaced = validators
            .Where(v => v.BaseType!.GetGenericArguments()[0].Namespace != v.Namespace)
            .Select(v => v.FullName)
            .ToList();

        Assert.NotEmpty(validators);
        Assert.Empty(misplaced);
    }

    [Fact]
    public void Every_command_has_a_validator()
    {
        var validated = Application.GetTypes()
            .Where(t => t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .Select(t => t.BaseType!.GetGenericArguments()[0])
            .ToHashSet();
        var unvalidated = Application.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i == typeof(ICommand) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>))))
            .Where(t => !validated.Contains(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(unvalidated);
    }

    [Fact]
    public void Adapters_and_persistence_are_hidden_behind_ports()
    {
        AssertHolds(Types.InAssembly(Infrastructure).That().ImplementInterface(typeof(NotesSync.Application.Common.ISecretProtector))
            .Or().ImplementInterface(typeof(NotesSync.Application.Common.IOrganisationPurge))
            .Should().NotBePublic().GetResult(), "adapters are internal to Infrastructure");
    }

    private static List<Type> HandlerTypes() =>
        [.. Application.GetTypes().Where(t => !t.IsAbstract && t.GetInterfaces().Any(IsHandlerInterface))];

    private static Type MessageOf(Type handler) =>
        handler.GetInterfaces().First(IsHandlerInterface).GetGenericArguments()[0];

    private static bool IsHandlerInterface(Type i) =>
        i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>)
            || i.GetGenericTypeDefinition() == typeof(IQueryHandler<,>)
            || i.GetGenericTypeDefinition() == typeof(ICommandHandler<>));
}
