namespace Garrison.Reading.Pipeline;

/// <summary>
/// Collects the stages in order (Markdig's pipeline builder shape). <see cref="Build"/> gives an immutable pipeline;
/// a builder builds once.
/// </summary>
public sealed class ReadingPipelineBuilder
{
    private bool built;

    public List<IReadingStage> Stages { get; } = [];

    /// <summary>Adds a stage unless one of the same type is already there (Use* calls are idempotent).</summary>
    public ReadingPipelineBuilder Add(IReadingStage stage)
    {
        if (!Stages.Exists(s => s.GetType() == stage.GetType()))
        {
            Stages.Add(stage);
        }

        return this;
    }

    /// <summary>Inserts a stage before the first stage of type <typeparamref name="T"/>, or at the end when there is none.</summary>
    public ReadingPipelineBuilder InsertBefore<T>(IReadingStage stage)
        where T : IReadingStage
    {
        var at = Stages.FindIndex(s => s is T);
        Stages.Insert(at < 0 ? Stages.Count : at, stage);
        return this;
    }

    public ReadingPipeline Build()
    {
        if (built)
        {
            throw new InvalidOperationException("This builder has already built its pipeline; make a new builder.");
        }

        built = true;
        return new ReadingPipeline([.. Stages]);
    }
}
