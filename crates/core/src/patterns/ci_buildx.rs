//! Pattern 9: A CI build with Buildx and a layer cache (GitHub Actions):
//! GitHub's cache service (`gha`) or the registry.

use super::{Choice, FileBuilder, GeneratedFile, Param, ParamKind, Pattern, Values};

pub static PATTERN: Pattern = Pattern {
    id: "ci-buildx",
    title: "CI build with Buildx and a layer cache",
    summary: "A GitHub Actions workflow: Buildx, tags from Git, a layer cache in GitHub's cache or the registry, pushes only from the main branch and tags.",
    when: "Use it to build and publish the image in CI. CI runners start empty, so without an external cache every build starts from scratch; `cache-to: …,mode=max` stores every stage's layers and the next build pulls what it can reuse: in GitHub's cache service (`type=gha`, the usual choice in guides) or in the registry beside the image.\n\nPull requests build (and so test the Dockerfile) without pushing.",
    practices: &[],
    differs: &[
        "Current action versions (`actions/checkout@v4`, `docker/setup-buildx-action@v3`, `docker/login-action@v3`, `docker/build-push-action@v6`) where the tutorial has v3/v2/v2/v4, which run on retired Node versions.",
        "Pull requests build without pushing and without credentials; version tags (`v*`) build too; the tutorial builds only pushes to main.",
        "Tags from Git (`docker/metadata-action`: branch, version, commit) where the tutorial pushes `user/app:latest` alone, which leaves nothing to roll back to.",
        "The GitHub Container Registry with the job's own token by default, or Docker Hub with an access token; `permissions:` asks for no more than the job needs.",
        "The layer cache is a parameter: `type=gha` as in the tutorial, or the registry (`type=registry`), with the trade-offs in the line notes.",
    ],
    params: &[
        Param {
            key: "registry",
            label: "Registry",
            help: "Where the image is pushed.",
            kind: ParamKind::Choice {
                options: &[
                    Choice::any("ghcr", "GitHub Container Registry"),
                    Choice::any("dockerhub", "Docker Hub"),
                ],
            },
        },
        Param {
            key: "image",
            label: "Image name",
            help: "The repository in the registry (owner/name).",
            kind: ParamKind::Text {
                default: "acme/shop",
                check: super::checks::image_name,
            },
        },
        Param {
            key: "cache",
            label: "Layer cache",
            help: "Where the layers are kept between builds.",
            kind: ParamKind::Choice {
                options: &[
                    Choice::any("gha", "GitHub Actions cache"),
                    Choice::any("registry", "The registry"),
                ],
            },
        },
        Param {
            key: "platforms",
            label: "Platforms",
            help: "The CPU architectures built.",
            kind: ParamKind::Choice {
                options: &[
                    Choice::any("linux/amd64", "amd64"),
                    Choice::any("linux/amd64,linux/arm64", "amd64 and arm64"),
                ],
            },
        },
    ],
    render,
};

fn render(values: &Values) -> Vec<GeneratedFile> {
    let ghcr = values.get("registry") == "ghcr";
    let image = if ghcr {
        format!("ghcr.io/{}", values.get("image"))
    } else {
        values.get("image").to_string()
    };
    let platforms = values.get("platforms");
    let mut f = FileBuilder::new(".github/workflows/docker.yml");
    f.line("name: Docker image");
    f.blank();
    f.line("on:");
    f.explained(
        "  push:\n    branches: [main]\n    tags: [\"v*\"]\n  pull_request:",
        "Builds every push to main, every version tag and every pull request.",
    );
    f.blank();
    f.explained(
        "permissions:\n  contents: read",
        "The least the job needs; packages: write is added only for GHCR.",
    );
    if ghcr {
        f.line("  packages: write");
    }
    f.blank();
    f.line("env:");
    f.line(format!("  IMAGE: {}", super::yaml_string(&image)));
    f.blank();
    f.line("jobs:");
    f.line("  build:");
    f.line("    runs-on: ubuntu-latest");
    f.line("    steps:");
    f.line("      - uses: actions/checkout@v4");
    if platforms.contains(',') {
        f.explained(
            "      - uses: docker/setup-qemu-action@v3",
            "Emulation for the platforms the runner's CPU is not.",
        );
    }
    f.explained(
        "      - uses: docker/setup-buildx-action@v3",
        "Buildx with the docker-container driver: needed for registry cache export and multi-platform builds.",
    );
    f.line("      - uses: docker/login-action@v3");
    f.explained(
        "        if: github.event_name != 'pull_request'",
        "Pull requests (possibly from forks) get no credentials and push nothing.",
    );
    f.line("        with:");
    if ghcr {
        f.line("          registry: ghcr.io\n          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}");
    } else {
        f.explained(
            "          username: ${{ vars.DOCKERHUB_USERNAME }}\n          password: ${{ secrets.DOCKERHUB_TOKEN }}",
            "An access token (not the account password), stored as a repository secret.",
        );
    }
    f.line("      - id: meta");
    f.line("        uses: docker/metadata-action@v5");
    f.line("        with:");
    f.line("          images: ${{ env.IMAGE }}");
    f.explained(
        "          tags: |\n            type=ref,event=branch\n            type=semver,pattern={{version}}\n            type=sha",
        "Tags from Git: the branch name, the version of a v1.2.3 tag, and the commit.",
    );
    f.line("      - uses: docker/build-push-action@v6");
    f.line("        with:");
    f.line("          context: .");
    f.line(format!("          platforms: {platforms}"));
    f.line("          push: ${{ github.event_name != 'pull_request' }}");
    f.line("          tags: ${{ steps.meta.outputs.tags }}");
    f.line("          labels: ${{ steps.meta.outputs.labels }}");
    if values.get("cache") == "gha" {
        f.explained(
            "          cache-from: type=gha",
            "GitHub's cache service: nothing to set up, up to 10 GB per repository (the oldest entries are evicted), and a branch reads its own entries and its base branch's, so a pull request starts from main's layers.",
        );
        f.explained(
            "          cache-to: type=gha,mode=max",
            "Stores every stage's layers (mode=max), not only the final image's. The cache lives in GitHub: another CI system, or a developer's machine, cannot use it.",
        );
    } else {
        f.explained(
            "          cache-from: type=registry,ref=${{ env.IMAGE }}:buildcache",
            "Starts from the layers the last build stored, in the registry beside the image: shared by every branch, every CI system and any machine that can pull, with no size limit but the registry's (and its storage bill).",
        );
        f.explained(
            "          cache-to: ${{ github.event_name != 'pull_request' && format('type=registry,ref={0}:buildcache,mode=max', env.IMAGE) || '' }}",
            "Stores every stage's layers (mode=max), not only the final image's, in a separate `buildcache` tag; pull requests only read it (they have no credentials to push).",
        );
    }
    vec![f.build()]
}
