using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NotesSync.Application.Common;

namespace NotesSync.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(AccessBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Sync.SyncRunStarter>();
        services.AddScoped<Meetings.MeetingScheduler>();
        services.AddScoped<Sync.Engine.RunPlan>();
        services.TryAddSingleton(Sync.RunTimeLimit.Default);
        services.TryAddSingleton(Sync.AbandonedRunGrace.Default);
        return services;
    }
}
