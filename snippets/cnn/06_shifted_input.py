import torch
import torch.nn.functional as F

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def move(x, down, right):
    """Move the content of a map down and to the right; zeros come in at the top and left."""
    moved = torch.zeros_like(x)
    moved[..., down:, right:] = x[..., :x.shape[-2] - down, :x.shape[-1] - right]
    return moved


def pool_times(x, times):
    """Max pooling with 2 x 2 blocks, `times` times one after the other."""
    for _ in range(times):
        x = F.max_pool2d(x, 2)
    return x


def unchanged_share(shift, times, size=16):
    """For a dot at every place of a size x size map: how often does moving it `shift` pixels
    to the right leave the pooled map unchanged? (Only places where the dot stays inside.)"""
    unchanged = total = 0
    for row in range(size):
        for col in range(size - shift):
            dot = torch.zeros(1, 1, size, size, device=device)
            dot[0, 0, row, col] = 1.0
            if torch.equal(pool_times(dot, times), pool_times(move(dot, 0, shift), times)):
                unchanged += 1
            total += 1
    return unchanged / total


def main():
    print(f"Device: {device}")
    image = torch.zeros(1, 1, 12, 12, device=device)
    image[0, 0, 2:6, 3] = 1.0  # a short vertical stroke
    image[0, 0, 5, 3:6] = 1.0  # and a horizontal one: an L
    kernel = torch.randn(1, 1, 3, 3, device=device)  # any kernel: here a random one
    map_of_moved = F.conv2d(move(image, 3, 4), kernel, padding=1)
    moved_map = move(F.conv2d(image, kernel, padding=1), 3, 4)
    print(f"map of the moved image equals the moved map: {torch.allclose(map_of_moved, moved_map)}")

    print("share of dots whose pooled map is unchanged when the dot moves right")
    print(f"{'pixels':>6} | {'1 pooling':>10} {'2 poolings':>10} {'3 poolings':>10}")
    for shift in (1, 2, 3):
        shares = [unchanged_share(shift, times) for times in (1, 2, 3)]
        print(f"{shift:6d} | " + " ".join(f"{share:10.0%}" for share in shares))


if __name__ == "__main__":
    main()
